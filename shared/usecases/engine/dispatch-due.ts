import { tickAtOrBefore } from '#domain/send-windows';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { Assignment } from '#schemas/entities';
import { describeError, logger } from '#shared/logger';
import { dispatchCheck } from './dispatch-check.ts';
import { nextCheckAfter, planOf } from './next-check.ts';
import type { ReferenceCache } from './reference-cache.ts';
import type { Shards } from './window.ts';

/** Checks dispatched at once by a window drain (DynamoDB round trips overlap; order does not matter). */
const CONCURRENCY = 8;

/**
 * Dispatches every open assignment whose next check is due by now (the sharded index: the shards
 * given, see due marks), sharing the
 * reference data, until none is left or the deadline. Each assignment is dispatched once per drain
 * (a dispatch moves its next check past now); a failed one is logged and left for its own
 * schedule, the next drain or the sweep. One pass over the pages: a check that becomes due while it
 * runs has a schedule of its own (the planner gives one to every check already due, and to a check
 * written so close before its tick that the tick may have listed the index already:
 * `TICK_LISTING_MARGIN_MS`).
 */
export async function dispatchDueChecks(
  deps: DispatcherDependencies,
  deadline: Date,
  refs: ReferenceCache,
  shards: Shards,
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
    if (due.length > 0 && !late()) await markAhead(deps, refs, due);
    await inParallel(due, async (a) => {
      if (late()) return;
      try {
        await dispatchCheck(deps, { v: 1, assignmentId: a.id, planVersion: a.planVersion }, refs, a);
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
 * Writes ahead, in one request each, the due marks the dispatches of these checks would write one
 * by one (due-marks.ts): every digest shard for the running tick (the digests this drain creates
 * and sends itself: a retry after a crash must find them) and the tick of each check's next check
 * (`nextCheckAfter`, as `dispatchCheck` computes it). A dispatch that ends elsewhere (a progress
 * report came in between) marks its own; a mark written for nothing is deleted with the tick's.
 * The checks' directives are read meanwhile, in one request, for the messages.
 */
async function markAhead(deps: DispatcherDependencies, refs: ReferenceCache, due: Assignment[]) {
  const now = deps.clock.now();
  refs.directory.prefetchDirectives(due.map((a) => a.directiveId));
  const calendar = await refs.calendar();
  const checks: { id: string; at: Date }[] = [];
  for (const a of due) {
    const next = nextCheckAfter(planOf(a, await refs.policy(a.policy), calendar), now);
    if (next) checks.push({ id: a.id, at: next });
  }
  await Promise.all([deps.digests.markAllDue(now, tickAtOrBefore(now)), deps.store.markDueChecks(checks)]);
}

async function inParallel<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
}
