import { localInstant } from '#domain/local-time';
import { isWindowTick, tickAtOrBefore } from '#domain/send-windows';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { DigestRef, DueMarks } from '#ports/digest-queue';
import type { CheckPayload } from '#ports/reminder-scheduler';
import { logger } from '#shared/logger';
import { DIGEST_DELAY_MINUTES, localMinute, storeHeld } from './digest.ts';
import { dispatchDueChecks, writeNextChecks } from './dispatch-due.ts';
import { type DrainCounts, drainDigests } from './drain-digests.ts';
import { PacedNotifier, SmsPacer } from './paced-notifier.ts';
import { ReferenceCache } from './reference-cache.ts';

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
/** The payload id of the daily window ticks (cron): the window is the minute the tick fires in. */
export const WINDOW_TICK = 'window.tick';

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
  return localInstant(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    `${d.slice(8, 10)}:${d.slice(10, 12)}`,
  );
}

export function windowPayload(id: string): CheckPayload {
  return { v: 1, assignmentId: id, planVersion: 0 };
}

/** Windows whose drain this container already scheduled (one Scheduler call per window, not per digest). */
const scheduled = new WeakMap<object, Set<string>>();
/** The digests created in this container while its drain runs, which that drain sends. */
interface OwnDigests {
  ids: Set<string>;
  /** The drain's one marking of every digest shard (concurrent dispatches share it). */
  marked?: Promise<void>;
}
const adopted = new WeakMap<object, OwnDigests>();

function scheduledOf(deps: DispatcherDependencies): Set<string> {
  const set = scheduled.get(deps.scheduler) ?? new Set<string>();
  scheduled.set(deps.scheduler, set);
  return set;
}

/** Whether a drain of this container is running and will send a digest of `window` (it has opened). */
export function drainSends(deps: DispatcherDependencies, window: string): boolean {
  return (
    adopted.has(deps.scheduler) && windowOpening(windowId(window)).getTime() <= deps.clock.now().getTime()
  );
}

/**
 * A digest was just created (or is held in memory until its claim creates it). When a drain of
 * this container is running and the digest's window has opened, that drain sends it and it needs
 * no schedule; every digest shard is marked for the drain's own tick with its first digest (one
 * request per drain; the marks are written once per container, so its later digests cost none),
 * so that a retry after a crash finds what was claimed and not sent, once its lease ends. (What
 * was only held dies with the process: the checks that filled it are still due, as their
 * next-check writes wait for the claims.) Otherwise it is marked for the first tick that must see
 * it (the safety net), and its window's drain is scheduled once, unless the window is a tick still
 * to come (that tick drains it).
 */
export async function announceDigest(deps: DispatcherDependencies, ref: DigestRef): Promise<void> {
  const id = windowId(ref.window);
  const opening = windowOpening(id);
  const now = deps.clock.now();
  const running = adopted.get(deps.scheduler);
  if (running && opening.getTime() <= now.getTime()) {
    running.ids.add(ref.id);
    running.marked ??= deps.digests.markAllDue(opening, tickAtOrBefore(now));
    await running.marked;
    return;
  }
  await deps.digests.markDue(ref.id, opening);
  const seen = scheduledOf(deps);
  if (seen.has(id) || (isWindowTick(opening) && opening.getTime() > now.getTime())) return;
  await deps.scheduler.upsert(id, new Date(ref.flushAt), windowPayload(id));
  seen.add(id);
  logger.info('window drain scheduled', { window: id, at: ref.flushAt });
}

export interface DrainResult extends DrainCounts {
  window: string;
  outcome: 'drained' | 'resumes';
  /** Checks dispatched by this drain (all that were due, unless time ran out). */
  checks: number;
  /** Throttles met (retried, not failures). */
  throttled: number;
}

/**
 * The window fire (a daily tick, or a window's one-time drain or resume): dispatches every check
 * due by now, then sends every digest of the window (and any left by an earlier one), paced, until
 * none is left or the invocation's time is up; then schedules its own resume when something is
 * left, failed transiently or is held by another sender's lease.
 */
export async function drainWindow(
  deps: DispatcherDependencies,
  fired: string,
  { remainingMs }: { remainingMs: number },
): Promise<DrainResult> {
  const now = deps.clock.now();
  const isTick = fired === WINDOW_TICK;
  const id = isTick ? windowId(localMinute(now)) : fired;
  // Never past the dispatcher's timeout, also where the context allows more (a virtual clock).
  const budgetMs = Math.min(remainingMs, DISPATCHER_TIMEOUT_SECONDS * 1000);
  const deadline = new Date(now.getTime() + budgetMs - DRAIN_MARGIN_MS);
  const pacer = new SmsPacer(deps.settings.smsPartsPerSecond, deps.clock);
  const notifier = new PacedNotifier(deps.notifier, { pacer, clock: deps.clock, deadline });
  const refs = new ReferenceCache(deps.store);
  const result: DrainResult = {
    window: id,
    outcome: 'drained',
    checks: 0,
    sent: 0,
    failed: 0,
    left: 0,
    parts: 0,
    throttled: 0,
  };
  const tick = tickAtOrBefore(now);
  const due = await deps.digests.dueMarks(tick);
  const scope = shardsToRead(due, { everyDigest: !isTick });
  const own: OwnDigests = { ids: new Set<string>() };
  adopted.set(deps.scheduler, own); // digests created while this drain runs: sent by it
  // The checks' next-check writes wait until the digests held in memory are claimed (or stored).
  const nextChecks: (() => Promise<unknown>)[] = [];
  try {
    if (readsAny(scope.checks)) {
      const checks = await dispatchDueChecks(deps, deadline, refs, scope.checks, (w) => nextChecks.push(w));
      result.checks = checks.dispatched;
      if (!checks.complete) result.left++;
    }
    // A tick sends its window's digests at once (also when Lambda retries it a minute or two late);
    // any other window fires when its digests are due.
    const opening = isTick ? tick : windowOpening(id);
    const upTo = isWindowTick(opening)
      ? new Date(Math.max(now.getTime(), opening.getTime() + DIGEST_DELAY_MINUTES * 60_000))
      : now;
    const input = { upTo, deadline, refs, shards: scope.digests, own: own.ids };
    const { retry, heldUntil } = await drainDigests({ ...deps, notifier }, input, result);
    // What is still held (time ran out) is stored for the resume; only then do the checks move on.
    for (const digestId of [...own.ids]) await storeHeld(deps, digestId, deps.clock.now());
    await writeNextChecks(nextChecks);
    result.throttled = notifier.throttled;
    const resumeAt = resumeTime(deps, result.left > 0 || retry, heldUntil);
    if (!resumeAt) await deps.digests.clearDueMarks(due.marks, tick, !due.scanned);
    await finish(deps, result, resumeAt);
  } finally {
    if (adopted.get(deps.scheduler) === own) adopted.delete(deps.scheduler);
  }
  return result;
}

/** Shards of a sharded list to read: `undefined` is every shard, `[]` none. */
export type Shards = readonly number[] | undefined;

export const readsAny = (shards: Shards): boolean => shards === undefined || shards.length > 0;

/**
 * Which shards a tick or sweep reads: every shard until a first full scan has completed, else
 * those marked for a tick up to now; every digest shard for a window's own drain or resume (its
 * digests were created by another invocation).
 */
export function shardsToRead(due: DueMarks, { everyDigest }: { everyDigest: boolean }) {
  const marked = (kind: 'check' | 'digest'): Shards => [
    ...new Set(due.marks.filter((m) => m.kind === kind).map((m) => m.shard)),
  ];
  if (!due.scanned) return { checks: undefined, digests: undefined };
  return { checks: marked('check'), digests: everyDigest ? undefined : marked('digest') };
}

async function finish(
  deps: DispatcherDependencies,
  result: DrainResult,
  resumeAt: Date | undefined,
): Promise<void> {
  if (resumeAt) {
    result.outcome = 'resumes';
    await deps.scheduler.upsert(result.window, resumeAt, windowPayload(result.window));
  } else if (result.sent > 0) {
    deps.metrics.windowDrained((deps.clock.now().getTime() - windowOpening(result.window).getTime()) / 1000);
  }
  logger.info('window drained', { ...result });
}

/**
 * When to fire again: a minute later when time ran out or a send failed transiently; when a
 * digest's lease ends if one is held (a concurrent drain, or a sender that crashed: it is resent
 * then, see send-digest.ts); otherwise never.
 */
function resumeTime(
  deps: DispatcherDependencies,
  unfinished: boolean,
  heldUntil: number | undefined,
): Date | undefined {
  if (unfinished) return new Date(deps.clock.now().getTime() + RESUME_DELAY_MS);
  return heldUntil === undefined ? undefined : new Date(heldUntil + 1_000);
}
