import type { DispatcherDependencies } from '#ports/dependencies';
import { describeError, logger } from '#shared/logger';
import { type PreparedSend, prepareWritten } from './claim-digest.ts';
import type { ReferenceCache } from './reference-cache.ts';
import { SEND_LEASE_MS, sendDigest, sendPrepared } from './send-digest.ts';
import { readsAny, type Shards } from './window.ts';

/** SMS parts a batch claims at most: what the pacer sends in this many seconds (well within the lease). */
const BATCH_SECONDS = 30;

/** A digest failing transiently this many times is left to the daily sweep (and the failure alarm). */
export const MAX_DIGEST_ATTEMPTS = 6;

/** What one drain sent: messages sent, failed (recorded), left for the resume fire; SMS parts sent. */
export interface DrainCounts {
  sent: number;
  failed: number;
  left: number;
  parts: number;
}

export interface DrainInput {
  /** Digests whose flush time is at or before this are due. */
  upTo: Date;
  deadline: Date;
  refs: ReferenceCache;
  /** The digest shards to list (see due marks). */
  shards: Shards;
  /** Digests created by this drain's own dispatches (and any created here meanwhile): sent without a listing. */
  own: ReadonlySet<string>;
}

/**
 * Sends the due digests one after the other (the notifier in `deps` paces them): those listed in
 * the marked shards, then this drain's own, again until none is left (checks dispatched meanwhile
 * may add some) or the deadline. Returns whether a send failed transiently and when the lease of
 * a digest someone else holds ends.
 */
export async function drainDigests(deps: DispatcherDependencies, input: DrainInput, counts: DrainCounts) {
  const tried = new Set<string>();
  let retry = false;
  const listed = readsAny(input.shards)
    ? await dueDigests(deps, input, tried)
    : { ids: [] as string[], heldUntil: undefined };
  let ids = [...new Set([...listed.ids, ...input.own])];
  while (ids.length > 0) {
    // The digests claimed by the last batch transaction (undefined: to be claimed alone).
    let batch = new Map<string, PreparedSend | undefined>();
    for (const [n, digestId] of ids.entries()) {
      const claimed = batch.get(digestId);
      // A digest claimed by the batch is sent (the batch was sized to fit before the deadline).
      if (!claimed && deps.clock.now().getTime() >= input.deadline.getTime()) {
        counts.left++;
        continue;
      }
      if (!batch.has(digestId)) batch = await claimBatch(deps, ids.slice(n), input);
      tried.add(digestId);
      retry = (await sendOne(deps, digestId, input.refs, counts, batch.get(digestId))) || retry;
    }
    if (counts.left > 0) break;
    ids = [...input.own].filter((id) => !tried.has(id));
  }
  return { retry, heldUntil: listed.heldUntil };
}

/**
 * Unfinished digests due by `upTo` that this drain has not tried yet and nobody holds, and when the
 * last lease of the held ones ends (a concurrent drain, or a sender that crashed).
 */
async function dueDigests(deps: DispatcherDependencies, { upTo, shards }: DrainInput, tried: Set<string>) {
  const now = deps.clock.now().getTime();
  const ids: string[] = [];
  let heldUntil: number | undefined;
  let cursor: string | undefined;
  do {
    const page = await deps.digests.listUnfinished(
      upTo.toISOString(),
      { limit: 100, ...(cursor && { cursor }) },
      shards,
    );
    for (const d of page.items) {
      const leaseEnd = d.state === 'sending' && d.claimedAt ? Date.parse(d.claimedAt) + SEND_LEASE_MS : 0;
      if (leaseEnd > now) heldUntil = Math.max(heldUntil ?? 0, leaseEnd);
      else if (!tried.has(d.id) && d.attempts < MAX_DIGEST_ATTEMPTS) ids.push(d.id);
    }
    cursor = page.cursor;
  } while (cursor);
  return { ids, heldUntil };
}

/** Sends one digest; true when it failed transiently (worth a resume fire). */
async function sendOne(
  deps: DispatcherDependencies,
  digestId: string,
  refs: ReferenceCache,
  counts: DrainCounts,
  claimed: PreparedSend | undefined,
) {
  try {
    const r = claimed ? await sendPrepared(deps, claimed) : await sendDigest(deps, digestId, refs);
    if (r.outcome === 'sent') {
      counts.sent++;
      counts.parts += r.segments ?? 0;
    }
    if (r.outcome === 'failed') counts.failed++;
    return false;
  } catch (error) {
    counts.failed++;
    logger.warn('window digest failed, retried later', { digest: digestId, error: describeError(error) });
    return true;
  }
}

/**
 * Claims the next digests of `ids` this container wrote or holds, from the first, in ONE
 * transaction (up to 100 items): as many as the pacer sends in `BATCH_SECONDS` and before the
 * deadline (an SMS digest counted as one part per item and one more; emails are not paced). Each
 * is then published and completed on its own. The map holds the digests claimed, or, when fewer
 * than two fit or the transaction was cancelled (someone took a digest, an assignment moved, an
 * item is held), the digests to claim alone as before: the first at least.
 */
async function claimBatch(deps: DispatcherDependencies, ids: readonly string[], input: DrainInput) {
  const now = deps.clock.now();
  const seconds = Math.min(BATCH_SECONDS, (input.deadline.getTime() - now.getTime()) / 1000);
  const budget = deps.settings.smsPartsPerSecond * seconds;
  const picked: PreparedSend[] = [];
  let parts = 0;
  for (const id of ids) {
    const prepared = await prepareWritten(deps, id, input.refs, now);
    if (!prepared) break;
    if (prepared.send.digest.channel === 'sms') parts += 1 + prepared.claimed.items.length;
    if (picked.length > 0 && parts > budget) break;
    picked.push(prepared);
  }
  const alone = new Map<string, PreparedSend | undefined>([[ids[0] as string, undefined]]);
  if (picked.length < 2) return alone;
  try {
    const { included, committed } = await deps.digests.claimBatch(picked.map((p) => p.batch));
    const batch = picked.slice(0, included);
    if (!committed && included > 0)
      logger.info('batch claim cancelled, claimed one by one', { digests: included });
    return included === 0 ? alone : new Map(batch.map((p) => [p.send.digest.id, committed ? p : undefined]));
  } catch (error) {
    logger.warn('batch claim failed, claimed one by one', {
      digests: picked.length,
      error: describeError(error),
    });
    return new Map(picked.map((p) => [p.send.digest.id, undefined]));
  }
}
