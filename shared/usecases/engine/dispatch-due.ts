import { tickAtOrBefore } from '#domain/send-windows';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { Assignment } from '#schemas/entities';
import { describeError, logger } from '#shared/logger';
import { type DeferWrite, dispatchCheck } from './dispatch-check.ts';
import { nextCheckAfter, planOf } from './next-check.ts';
import type { ReferenceCache } from './reference-cache.ts';
import type { Shards } from './window.ts';

/** Checks dispatched at once by a window drain (DynamoDB round trips overlap; order does not matter). */
const CONCURRENCY = 8;

/**
 * Dispatches every open assignment whose next check is due by now (the sharded index: the shards
 * given, see due marks), sharing the reference data, until none is left or the deadline. Each
 * assignment is dispatched once per drain; a failed one is logged and left for its own schedule,
 * the next drain or the sweep. One pass over the pages: a check that becomes due while it runs has
 * a schedule of its own (the planner gives one to every check already due, and to a check written
 * so close before its tick that the tick may have listed the index already:
 * `TICK_LISTING_MARGIN_MS`).
 */
export async function dispatchDueChecks(
  deps: DispatcherDependencies,
  deadline: Date,
  refs: ReferenceCache,
  shards: Shards,
  defer?: DeferWrite,
) {
  const seen = new Set<string>();
  const late = () => deps.clock.now().getTime() >= deadline.getTime();
  let cursor: string | undefined;
  do {
    const page = await deps.store.listDueChecks(
      deps.clock.now().toISOString(),
      { limit: 100, ...(cursor && { cursor }) },
      shards,
    );
    const due = page.items.filter((a) => !seen.has(a.id));
    for (const a of due) seen.add(a.id);
    if (due.length > 0 && !late()) await markAhead(deps, refs, due, Boolean(defer));
    await inParallel(due, async (a) => {
      if (late()) return;
      try {
        const payload = { v: 1 as const, assignmentId: a.id, planVersion: a.planVersion };
        await dispatchCheck(deps, payload, refs, a, defer);
      } catch (error) {
        logger.warn('window could not dispatch a check', {
          assignmentId: a.id,
          error: describeError(error),
        });
      }
    });
    if (late()) return { dispatched: seen.size, complete: false };
    cursor = page.cursor;
  } while (cursor);
  return { dispatched: seen.size, complete: true };
}

/**
 * Writes ahead, in one request, the due marks of these checks' next checks (`nextCheckAfter`, as
 * `dispatchCheck` computes it), which their next-check writes would otherwise write one by one
 * (due-marks.ts); a write that ends elsewhere (a progress report came in between) marks its own.
 * A drain's dispatch (`forDrain`) adds the marks its own digests need (every digest shard for the
 * running tick, window.ts `announceDigest`) to the same request. The checks' directives are read
 * meanwhile, in one request, for the messages.
 */
async function markAhead(
  deps: DispatcherDependencies,
  refs: ReferenceCache,
  due: Assignment[],
  forDrain: boolean,
) {
  const now = deps.clock.now();
  refs.directory.prefetchDirectives(due.map((a) => a.directiveId));
  const calendar = await refs.calendar();
  const checks: { id: string; at: Date }[] = [];
  for (const a of due) {
    const next = nextCheckAfter(planOf(a, await refs.policy(a.policy), calendar), now);
    if (next) checks.push({ id: a.id, at: next });
  }
  // Asked for together, the two kinds share one request (the store and the queue share their marks).
  const tick = tickAtOrBefore(now);
  await Promise.all([
    deps.store.markDueChecks(checks),
    ...(forDrain ? [deps.digests.markAllDue(tick, tick)] : []),
  ]);
}

/** Runs the next-check writes a drain deferred (see `dispatchCheck`); a failed one leaves its check due. */
export async function writeNextChecks(writes: (() => Promise<unknown>)[]): Promise<void> {
  await inParallel(writes, async (write) => {
    try {
      await write();
    } catch (error) {
      logger.warn('window could not move a check on: it stays due', { error: describeError(error) });
    }
  });
}

async function inParallel<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
}
