import { randomBytes } from 'node:crypto';
import { CODE_BYTES, linkId, linkUrl, linkValidUntil } from '#domain/link';
import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, UnitReads } from '#ports/store';
import { ValidationError } from '../../errors.ts';
import type { PersonalLink } from '../../ports/links.ts';
import type { Channel } from '../../schemas/common.ts';

type Deps = Pick<Dependencies, 'links' | 'clock' | 'settings'> & { store: AssignmentReads & UnitReads };

export interface MintInput {
  unitId: string;
  contactId: string;
  /** The items of the message the link goes in: all of the contact's own unit. */
  assignmentIds: string[];
  channel?: Channel | undefined;
  /** `send:<reminder key>` from the send path, `admin:<sub>` from the console. */
  createdBy: string;
  /** Where the link points when the settings name no address (the console an admin called from). */
  base?: string | undefined;
}

export interface MintedLink {
  /** The secret: goes into the message, never into the table or a log. */
  code: string;
  url: string;
  link: PersonalLink;
}

/** The contact and every item must exist and belong to the one unit: a link never reaches another unit's data. */
async function check(deps: Deps, input: MintInput): Promise<void> {
  const [contact, ...items] = await Promise.all([
    deps.store.getContact(input.unitId, input.contactId),
    ...input.assignmentIds.map((id) => deps.store.getAssignment(id)),
  ]);
  const issues = items.flatMap((a, i) => {
    const path = `assignmentIds.${i}`;
    if (!a) return [{ path, rule: `no assignment ${input.assignmentIds[i]}` }];
    return a.unitId === input.unitId ? [] : [{ path, rule: `must be an assignment of unit ${input.unitId}` }];
  });
  if (!contact)
    issues.unshift({ path: 'contactId', rule: `no contact ${input.contactId} in unit ${input.unitId}` });
  if (issues.length) throw new ValidationError('cannot make this link', issues);
}

/** The stored form of a link (its id is the code's hash): valid 30 days at most from `now`. */
export function newLink(code: string, input: Omit<MintInput, 'base'>, now: Date): PersonalLink {
  return {
    id: linkId(code),
    unitId: input.unitId,
    contactId: input.contactId,
    assignmentIds: [...new Set(input.assignmentIds)],
    ...(input.channel && { channel: input.channel }),
    createdAt: now.toISOString(),
    createdBy: input.createdBy,
    validUntil: linkValidUntil(now).toISOString(),
  };
}

/**
 * Mints a personal link of one contact for some of its unit's items, from the console: 72 random
 * bits, only the hash stored, valid 30 days at most (and until its items close). The send path
 * mints its own, one per message (message-link.ts).
 */
export async function mintLink(deps: Deps, input: MintInput): Promise<MintedLink> {
  const base = deps.settings.linkBase ?? input.base;
  if (!base) throw new Error('personal links need the console address (LINK_BASE_URL / settings.linkBase)');
  await check(deps, input);
  const code = randomBytes(CODE_BYTES).toString('base64url');
  const link = newLink(code, input, deps.clock.now());
  await deps.links.create(link);
  return { code, url: linkUrl(base, code), link };
}
