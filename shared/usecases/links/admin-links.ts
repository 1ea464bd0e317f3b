import type { Dependencies } from '#ports/dependencies';
import type { UnitReads } from '#ports/store';
import type { LinkAction, PersonalLink } from '../../ports/links.ts';
import type { Actor } from '../actor.ts';
import { found } from '../common.ts';

type Deps = Pick<Dependencies, 'links' | 'clock'> & { store: UnitReads };

/** A contact's links, newest first, each with what was done through it. */
export async function linksOfContact(
  deps: Deps,
  unitId: string,
  contactId: string,
): Promise<(PersonalLink & { actions: LinkAction[] })[]> {
  found(await deps.store.getContact(unitId, contactId), `contact ${contactId} of unit ${unitId}`);
  const store = deps.links;
  const links = await store.listOfContact(unitId, contactId);
  return Promise.all(links.map(async (l) => ({ ...l, actions: await store.listActions(l.id) })));
}

/** Revokes a link at once (a lost phone, a contact who left); revoking again keeps the first time. */
export async function revokeLink(deps: Deps, actor: Actor, id: string): Promise<PersonalLink> {
  const at = deps.clock.now().toISOString();
  return found(await deps.links.revoke(id, actor.sub, at), `link ${id}`);
}
