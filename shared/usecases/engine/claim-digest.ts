import type { DispatcherDependencies } from '#ports/dependencies';
import type { BatchClaim, Digest, DigestClaim, DigestEntry, WrittenDigest } from '#ports/digest-queue';
import type { Assignment, Contact, Reminder } from '#schemas/entities';
import { type MessageLink, messageLink } from '../links/message-link.ts';
import { storeHeld } from './digest.ts';
import type { ReferenceCache } from './reference-cache.ts';

/**
 * # Claiming a digest's items
 *
 * The claim half of a digest send (send-digest.ts publishes and records): each entry's log record
 * put if nobody holds it, with a check of the assignment version its text comes from, and the
 * message's link; a digest this container wrote claims itself in the same transaction, alone or
 * with the next few of its drain (`prepareWritten`, drain-digests.ts).
 */

/** An item won by the claim: its entry, the assignment its line is written from, its log record. */
export interface Claimed {
  entry: DigestEntry;
  assignment: Assignment;
  record: Reminder;
}

/** What a claim leaves the publish: the items won, the recipient and the link their message carries. */
export interface ClaimedSend {
  items: Claimed[];
  contact: Contact | undefined;
  link: MessageLink | undefined;
}

/** A digest being sent: as claimed, whether it was taken over from a crashed sender, the drain's cache. */
export interface Send {
  digest: Digest;
  reclaimed: boolean;
  refs: ReferenceCache;
}

/** A written digest as its claim leaves it, and that claim (creating it when it is only held here). */
function writtenClaim(written: WrittenDigest, now: Date) {
  const claimedAt = now.toISOString();
  const { attempts, entries, id } = written.digest;
  const digest: Digest = { ...written.digest, state: 'sending', attempts: attempts + 1, claimedAt };
  const claim: DigestClaim = {
    id,
    claimedAt,
    entries: entries.length,
    ...(!written.stored && { create: true }),
  };
  return { digest, claim };
}

/**
 * A digest this container created and filled (a tick's own): claimed together with its items in
 * one transaction, without reading it; one held in memory (not stored yet) is created already
 * claimed by that transaction. Undefined when it is unknown here or changed since (another sender
 * added to it or took it, or stored it first): then the usual claim reads it, with what this
 * container held stored into it first.
 */
export async function claimWritten(
  deps: DispatcherDependencies,
  digestId: string,
  refs: ReferenceCache,
  now: Date,
) {
  const written = deps.digests.written(digestId);
  if (written?.digest.state !== 'open') return undefined;
  const { digest, claim } = writtenClaim(written, now);
  const claimed = await claimEntries(deps, { digest, reclaimed: false, refs }, now, claim);
  if (!claimed && !written.stored) await storeHeld(deps, digestId, now);
  return claimed && { digest, claimed };
}

/** A written digest ready for a batch claim (see drain-digests.ts): its claim, and what it sends once claimed. */
export interface PreparedSend {
  send: Send;
  batch: BatchClaim;
  claimed: ClaimedSend;
}

/**
 * Prepares the claim of a digest this container wrote or holds, as `claimWritten` writes it in its
 * first transaction, for `claimBatch`; undefined for any other digest.
 */
export async function prepareWritten(
  deps: DispatcherDependencies,
  digestId: string,
  refs: ReferenceCache,
  now: Date,
): Promise<PreparedSend | undefined> {
  const written = deps.digests.written(digestId);
  if (written?.digest.state !== 'open') return undefined;
  const { digest, claim } = writtenClaim(written, now);
  const send: Send = { digest, reclaimed: false, refs };
  const { reclaimable, assignments, contact, link } = await prepareEntries(deps, send);
  const claims = itemClaims(send, digest.entries, assignments, now);
  const items = claims.flatMap((c) =>
    c.expect && c.a ? [{ entry: c.entry, assignment: c.a, record: c.record }] : [],
  );
  return {
    send,
    batch: { digest: claim, claims, reclaimable, ...(link?.mint && { link: link.mint }) },
    claimed: { items, contact, link },
  };
}

const isLive = (a: Assignment | undefined, entry: DigestEntry): a is Assignment =>
  a?.state === 'open' && a.planVersion === entry.planVersion;

/**
 * Claims every entry's log record in one transaction (digest-queue.ts), checking that each
 * assignment is still at the version its snapshot was taken at, instead of reading it. An
 * assignment that moved (a progress report, a completion) is read again: a live one is claimed at
 * its new version, a closed or replanned one is logged `skipped`. Entries someone else holds are
 * left out (sent by another digest). The message's link (to the recipient's own live items) is
 * written with the first transaction that commits: any item won was claimed with it.
 */
export async function claimEntries(
  deps: DispatcherDependencies,
  send: Send,
  now: Date,
  digestClaim?: DigestClaim,
): Promise<ClaimedSend | undefined> {
  const { reclaimable, assignments, contact, link } = await prepareEntries(deps, send);
  let mint = link?.mint;
  const claimed: Claimed[] = [];
  let entries = send.digest.entries;
  for (let round = 0; entries.length > 0 && round < 3; round++) {
    const claims = itemClaims(send, entries, assignments, now);
    const together = round === 0 ? digestClaim : undefined;
    const extra = { ...(together && { digest: together }), ...(mint && { link: mint }) };
    const { won, stale, digestClaimed, linkWritten } = await deps.digests.claimItems(
      claims,
      reclaimable,
      extra,
    );
    if (together && !digestClaimed) return undefined; // nothing written: the usual claim instead
    if (linkWritten) mint = undefined;
    const wonRecords = new Set(won);
    for (const c of claims)
      if (wonRecords.has(c.record) && c.expect && c.a)
        claimed.push({ entry: c.entry, assignment: c.a, record: c.record });
    for (const id of stale) assignments.set(id, await deps.store.getAssignment(id));
    entries = claims.filter((c) => stale.includes(c.entry.assignmentId)).map((c) => c.entry);
  }
  return { items: claimed, contact, link };
}

/** What a claim needs besides the entries: the assignments (snapshots, else read), the recipient, the link. */
async function prepareEntries(deps: DispatcherDependencies, { digest, reclaimed, refs }: Send) {
  const reclaimable: Reminder['outcome'][] = reclaimed ? ['pending', 'held', 'failed'] : ['held', 'failed'];
  const assignments = new Map<string, Assignment | undefined>();
  for (const e of digest.entries) if (e.assignment) assignments.set(e.assignmentId, e.assignment);
  for (const e of digest.entries)
    if (!assignments.has(e.assignmentId))
      assignments.set(e.assignmentId, await deps.store.getAssignment(e.assignmentId));
  const contact = (await refs.directory.contactsOf(digest.recipientUnitId)).find(
    (c) => c.id === digest.recipient,
  );
  const liveOnes = digest.entries.flatMap((e) => {
    const a = assignments.get(e.assignmentId);
    return isLive(a, e) ? [a] : [];
  });
  const link = await messageLink(deps, digest, contact, liveOnes);
  return { reclaimable, assignments, contact, link };
}

/** Each entry's log record (`pending`, or `skipped` when its assignment closed or moved on) and version check. */
function itemClaims(
  { digest, reclaimed }: Send,
  entries: readonly DigestEntry[],
  assignments: ReadonlyMap<string, Assignment | undefined>,
  now: Date,
) {
  return entries.map((entry) => {
    const a = assignments.get(entry.assignmentId);
    const live = isLive(a, entry);
    const record = logRecord(digest, entry, a, now, live ? 'pending' : 'skipped', reclaimed);
    return { entry, a, record, ...(live && { expect: { assignmentId: a.id, version: a.version } }) };
  });
}

function logRecord(
  digest: Digest,
  entry: DigestEntry,
  a: Assignment | undefined,
  now: Date,
  outcome: 'pending' | 'skipped',
  reclaimed: boolean,
): Reminder {
  const why =
    outcome === 'skipped'
      ? 'assignment closed or replanned before the digest was sent'
      : reclaimed
        ? 'resent after an interrupted send'
        : undefined;
  const detail = [entry.detail, why].filter(Boolean).join('; ');
  return {
    assignmentId: entry.assignmentId,
    key: entry.key,
    step: entry.step,
    send: entry.send,
    channel: digest.channel,
    recipient: digest.recipient,
    unitId: a?.unitId ?? digest.recipientUnitId,
    plannedAt: entry.plannedAt,
    at: now.toISOString(),
    outcome,
    ...(detail && { detail }),
    attempts: digest.attempts,
  };
}
