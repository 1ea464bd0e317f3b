import type { Writes } from '#ports/store';
import { NotFoundError } from '../../errors.ts';
import type { LinkAction } from '../../ports/links.ts';
import type { Assignment } from '../../schemas/entities.ts';
import type { Actor } from '../actor.ts';
import { acknowledge, complete, reportProgress } from '../unit-head/assignment-actions.ts';
import { type LinkDeps, type OpenedLink, openLink } from './open-link.ts';

type Deps = LinkDeps & { store: Writes };

export type LinkActionInput =
  | { action: 'acknowledge' }
  | { action: 'progress'; percent: number; note?: string | undefined }
  | { action: 'complete'; note?: string | undefined };

/**
 * Who acts through a link: the contact, for its own unit only. The `sub` is what the assignment's
 * history shows (progress reports' `by`): the contact's name and id, "qua liên kết".
 */
export function linkActor(opened: OpenedLink): Actor {
  const { contact } = opened;
  return {
    sub: `${contact.name} (${contact.id}) qua liên kết`,
    role: 'unit-head',
    unitId: opened.link.unitId,
    name: contact.name,
  };
}

async function apply(deps: Deps, actor: Actor, id: string, input: LinkActionInput): Promise<Assignment> {
  switch (input.action) {
    case 'acknowledge':
      return acknowledge(deps, actor, id);
    case 'progress':
      return (await reportProgress(deps, actor, id, { percent: input.percent, note: input.note })).assignment;
    case 'complete':
      return complete(deps, actor, id, { note: input.note });
  }
}

/**
 * Acknowledges, reports progress on or completes one item of a link, as its contact. An item the
 * link does not name is a 404 (the same answer as a missing one: nothing about other items leaks).
 * The action is recorded with the link (contact, "qua liên kết") besides the assignment's history.
 */
export async function actThroughLink(
  deps: Deps,
  code: string,
  client: string,
  assignmentId: string,
  input: LinkActionInput,
): Promise<Assignment> {
  const opened = await openLink(deps, code, client);
  if (!opened.link.assignmentIds.includes(assignmentId)) {
    throw new NotFoundError(`assignment ${assignmentId} is not in this link`);
  }
  const assignment = await apply(deps, linkActor(opened), assignmentId, input);
  const action: LinkAction = {
    linkId: opened.link.id,
    at: deps.clock.now().toISOString(),
    assignmentId,
    action: input.action,
    contactId: opened.contact.id,
    contactName: opened.contact.name,
    via: 'qua liên kết',
    ...('percent' in input && { percent: input.percent }),
    ...('note' in input && input.note && { note: input.note }),
  };
  await deps.links.record(action);
  return assignment;
}
