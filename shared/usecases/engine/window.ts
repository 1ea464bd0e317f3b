import type { CheckPayload } from '#ports/reminder-scheduler';
import { describeError, logger } from '#shared/logger';
import type { EngineDeps } from './engine-deps.ts';
import { PacedNotifier, SmsPacer } from './paced-notifier.ts';
import { SEND_LEASE_MS, sendDigest } from './send-digest.ts';

/**
 * # Send windows: one paced drain per window
 *
 * Every digest (one message per recipient and channel, see digest.ts) belongs to a window, the
 * local minute its reminders were planned for (the policy's `sendAt`, 08:00 by default). The first
 * digest of a window schedules ONE drain of that window (`window.<yyyymmddhhmm>`, a one-time
 * schedule `DIGEST_DELAY_MINUTES` after it opens), not one schedule per digest. The drain sends
 * every digest due by then, one after the other, paced to the sender ID's budget
 * (`smsPartsPerSecond`); a throttle is retried with backoff inside the pacing.
 *
 * - **No invocation past its timeout**: no digest is claimed later than `DRAIN_MARGIN_MS` before
 *   the invocation's end. What is left (or failed transiently) is picked up by a resume fire of the
 *   same window one minute later; claims make a resumed or concurrent drain skip what is sent.
 * - **Resumable without duplicates**: each digest is claimed (conditional write) before it is sent
 *   and every item's reminder-log record is claimed too, so a crash mid-window resends only the one
 *   message whose publish and log write it separated (send-digest.ts: the at-least-once overlap).
 */
export const WINDOW_PREFIX = 'window.';
/**
 * The dispatcher's Lambda timeout (infra) and the local runtime's: room for a morning's drain at
 * the configured rate (4 min at 20 parts/s is 4,500 parts), yet shorter than a digest's send lease
 * (`SEND_LEASE_MS`, 5 min), so a live sender is never overtaken.
 */
export const DISPATCHER_TIMEOUT_SECONDS = 240;
/** Time kept free at the end of an invocation: one SNS call's timeout and the log writes. */
export const DRAIN_MARGIN_MS = 15_000;
/** A resumed drain fires this long after the one that stopped. */
export const RESUME_DELAY_MS = 60_000;
/** A digest failing transiently this many times is left to the daily sweep (and the failure alarm). */
export const MAX_DIGEST_ATTEMPTS = 6;

export function isWindowId(id: string): boolean {
  return id.startsWith(WINDOW_PREFIX);
}

/** `2026-04-27T08:00` -> `window.202604270800` (a valid schedule payload id). */
export function windowId(window: string): string {
  return `${WINDOW_PREFIX}${window.replace(/[-T:]/g, '')}`;
}

/** `window.202604270800` -> the window's opening instant. */
function windowOpening(id: string): Date {
  const d = id.slice(WINDOW_PREFIX.length);
  return new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:00+07:00`,
  );
}

export function windowPayload(id: string): CheckPayload {
  return { v: 1, assignmentId: id, planVersion: 0 };
}

/** Windows whose drain this container already scheduled (one Scheduler call per window, not per digest). */
const scheduled = new WeakMap<object, Set<string>>();

/** Schedules the drain of `window` at `at`, once per window and scheduler. */
export async function scheduleDrain(deps: EngineDeps, window: string, at: Date): Promise<void> {
  const id = windowId(window);
  const seen = scheduled.get(deps.scheduler) ?? new Set<string>();
  scheduled.set(deps.scheduler, seen);
  if (seen.has(id)) return;
  await deps.scheduler.upsert(id, at, windowPayload(id));
  seen.add(id);
  logger.info('window drain scheduled', { window: id, at: at.toISOString() });
}

export interface DrainResult {
  window: string;
  outcome: 'drained' | 'resumes';
  /** Messages sent, failed (recorded) and left for the resume fire. */
  sent: number;
  failed: number;
  left: number;
  /** Parts of the SMS sent, and throttles met (retried, not failures). */
  parts: number;
  throttled: number;
}

/**
 * The window fire: drains every unfinished digest due by now (this window's, and any left by an
 * earlier one), paced, until none is left or the invocation's time is up; then schedules its own
 * resume when something is left, failed transiently or is held by another sender's lease.
 */
export async function drainWindow(
  deps: EngineDeps,
  id: string,
  { remainingMs }: { remainingMs: number },
): Promise<DrainResult> {
  const deadline = new Date(deps.clock.now().getTime() + remainingMs - DRAIN_MARGIN_MS);
  const pacer = new SmsPacer(deps.settings.smsPartsPerSecond, deps.clock);
  const notifier = new PacedNotifier(deps.notifier, { pacer, clock: deps.clock, deadline });
  const result: DrainResult = {
    window: id,
    outcome: 'drained',
    sent: 0,
    failed: 0,
    left: 0,
    parts: 0,
    throttled: 0,
  };
  const { retry, heldUntil } = await drainDue({ ...deps, notifier }, deadline, result);
  result.throttled = notifier.throttled;
  const resumeAt = resumeTime(deps, result.left > 0 || retry, heldUntil);
  if (resumeAt) {
    result.outcome = 'resumes';
    await deps.scheduler.upsert(id, resumeAt, windowPayload(id));
  } else if (result.sent > 0) {
    deps.metrics.windowDrained((deps.clock.now().getTime() - windowOpening(id).getTime()) / 1000);
  }
  logger.info('window drained', { ...result });
  return result;
}

/** Sends due digests until none is left (asking again after each round) or the deadline. */
async function drainDue(deps: EngineDeps, deadline: Date, result: DrainResult) {
  const tried = new Set<string>();
  let retry = false;
  let due = await dueDigests(deps, tried);
  while (due.ids.length > 0) {
    for (const digestId of due.ids) {
      if (deps.clock.now().getTime() >= deadline.getTime()) {
        result.left++;
        continue;
      }
      tried.add(digestId);
      retry = (await sendOne(deps, digestId, result)) || retry;
    }
    if (result.left > 0) break;
    due = await dueDigests(deps, tried);
  }
  return { retry, heldUntil: due.heldUntil };
}

/**
 * When to fire again: a minute later when time ran out or a send failed transiently; when a
 * digest's lease ends if one is held (a concurrent drain, or a sender that crashed: it is resent
 * then, see send-digest.ts); otherwise never.
 */
function resumeTime(deps: EngineDeps, unfinished: boolean, heldUntil: number | undefined): Date | undefined {
  if (unfinished) return new Date(deps.clock.now().getTime() + RESUME_DELAY_MS);
  return heldUntil === undefined ? undefined : new Date(heldUntil + 1_000);
}

/**
 * Unfinished digests due by now that this drain has not tried yet and nobody holds, and when the
 * last lease of the held ones ends.
 */
async function dueDigests(deps: EngineDeps, tried: Set<string>) {
  const now = deps.clock.now().getTime();
  const ids: string[] = [];
  let heldUntil: number | undefined;
  let cursor: string | undefined;
  do {
    const page = await deps.digests.listUnfinished(new Date(now).toISOString(), {
      limit: 100,
      ...(cursor && { cursor }),
    });
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
async function sendOne(deps: EngineDeps, digestId: string, result: DrainResult): Promise<boolean> {
  try {
    const r = await sendDigest(deps, digestId);
    if (r.outcome === 'sent') {
      result.sent++;
      result.parts += r.segments ?? 0;
    }
    if (r.outcome === 'failed') result.failed++;
    return false;
  } catch (error) {
    result.failed++;
    logger.warn('window digest failed, retried later', { digest: digestId, error: describeError(error) });
    return true;
  }
}
