import type { Dependencies } from '../../composition/dependencies.ts';
import { linkStore } from '../../composition/table-stores.ts';
import type { LinkAction, PersonalLink } from '../../ports/links.ts';
import type { Actor } from '../actor.ts';
import { found } from '../common.ts';

/** A contact's links, newest first, each with what was done through it. */
export async function linksOfContact(
  deps: Dependencies,
  unitId: string,
  contactId: string,
): Promise<(PersonalLink & { actions: LinkAction[] })[]> {
  found(await deps.store.getContact(unitId, contactId), `contact ${contactId} of unit ${unitId}`);
  const store = linkStore(deps);
  const links = await store.listOfContact(unitId, contactId);
  return Promise.all(links.map(async (l) => ({ ...l, actions: await store.listActions(l.id) })));
}

/** Revokes a link at once (a lost phone, a contact who left); revoking again keeps the first time. */
export async function revokeLink(deps: Dependencies, actor: Actor, id: string): Promise<PersonalLink> {
  const at = deps.clock.now().toISOString();
  return found(await linkStore(deps).revoke(id, actor.sub, at), `link ${id}`);
}
