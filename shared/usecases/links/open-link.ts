import { CODE_PATTERN, type LinkRefusal, linkId, linkRefusal } from '#domain/link';
import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, CalendarReads, UnitReads } from '#ports/store';
import { AppError, TooManyRequestsError } from '../../errors.ts';
import type { PersonalLink } from '../../ports/links.ts';
import type { Assignment, Contact } from '../../schemas/entities.ts';
import { type AssignmentView, calendarOf, viewOf } from '../unit-head/assignment-queries.ts';

/** Every link request of one client: 30 a minute (a person tapping through a few items is far below). */
export const LOOKUPS_PER_MINUTE = 30;
/** Unknown codes of one client: 10 an hour, then every lookup is refused until the hour ends. */
export const MISSES_PER_HOUR = 10;

/** What opening a link reads (and the rate-limit counters it writes). */
export type LinkDeps = Pick<Dependencies, 'links' | 'clock'> & {
  store: AssignmentReads & UnitReads & CalendarReads;
};

/** A link that does not open, and why (each reason has its own page and status). */
export class LinkRefusedError extends AppError {
  readonly status: number;
  constructor(readonly reason: LinkRefusal) {
    super(`link ${reason}`);
    this.status = reason === 'unknown' ? 404 : 410;
  }
}

export interface OpenedLink {
  link: PersonalLink;
  contact: Contact;
  unitName: string;
  /** The link's items, with their status now (another unit's item is never read into this). */
  items: AssignmentView[];
}

async function limit(deps: LinkDeps, bucket: string, max: number, seconds: number): Promise<void> {
  if (!(await deps.links.hit(bucket, max, seconds, deps.clock.now()))) {
    throw new TooManyRequestsError('too many link requests from this address; try again later', seconds);
  }
}

/** The link's own items, each re-checked to belong to the link's unit. */
async function itemsOf(deps: LinkDeps, link: PersonalLink): Promise<AssignmentView[]> {
  const now = deps.clock.now();
  const calendar = await calendarOf(deps);
  const found = await Promise.all(link.assignmentIds.map((id) => deps.store.getAssignment(id)));
  return found
    .filter((a): a is Assignment => a !== undefined && a.unitId === link.unitId)
    .map((a) => viewOf(a, now, calendar));
}

/**
 * Opens a link for `client` (its address): rate-limited per client, unknown codes counted apart.
 * A link opens while it is neither revoked nor past its 30 days, and while one of its items is open.
 */
export async function openLink(deps: LinkDeps, code: string, client: string): Promise<OpenedLink> {
  await limit(deps, `link:${client}`, LOOKUPS_PER_MINUTE, 60);
  const link = CODE_PATTERN.test(code) ? await deps.links.get(linkId(code)) : undefined;
  const refusal = linkRefusal(link, deps.clock.now());
  if (refusal === 'unknown') {
    await limit(deps, `miss:${client}`, MISSES_PER_HOUR, 3600);
    throw new LinkRefusedError('unknown');
  }
  if (refusal || !link) throw new LinkRefusedError(refusal ?? 'unknown');
  const [contact, unit, items] = await Promise.all([
    deps.store.getContact(link.unitId, link.contactId),
    deps.store.getUnit(link.unitId),
    itemsOf(deps, link),
  ]);
  if (!contact) throw new LinkRefusedError('revoked'); // the contact left the unit: its links go with it
  if (items.every((a) => a.state !== 'open')) throw new LinkRefusedError('closed');
  return { link, contact, unitName: unit?.name ?? link.unitId, items };
}
