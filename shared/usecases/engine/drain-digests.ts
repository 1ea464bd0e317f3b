import type { DispatcherDependencies } from '#ports/dependencies';
import { describeError, logger } from '#shared/logger';
import type { ReferenceCache } from './reference-cache.ts';
import { SEND_LEASE_MS, sendDigest } from './send-digest.ts';
import { readsAny, type Shards } from './window.ts';

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
    for (const digestId of ids) {
      if (deps.clock.now().getTime() >= input.deadline.getTime()) {
        counts.left++;
        continue;
      }
      tried.add(digestId);
      retry = (await sendOne(deps, digestId, input.refs, counts)) || retry;
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
) {
  try {
    const r = await sendDigest(deps, digestId, refs);
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
