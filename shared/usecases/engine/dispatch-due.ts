import type { DispatcherDependencies } from '#ports/dependencies';
import { describeError, logger } from '#shared/logger';
import { type DeferWrite, dispatchCheck } from './dispatch-check.ts';
import type { ReferenceCache } from './reference-cache.ts';
import type { Shards } from './window.ts';

/** Checks dispatched at once by a window drain (DynamoDB round trips overlap; order does not matter). */
const CONCURRENCY = 8;

/**
 * Dispatches every open assignment whose next check is due by now (the sharded index: the shards
 * given, see due marks), sharing the
 * reference data, until none is left or the deadline. Each assignment is dispatched once per drain
 * (a dispatch moves its next check past now); a failed one is logged and left for its own
 * schedule, the next drain or the sweep. Pages are read again until a pass finds nothing new.
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
  for (let fresh = true; fresh; ) {
    fresh = false;
    let cursor: string | undefined;
    do {
      const page = await deps.store.listDueChecks(
        deps.clock.now().toISOString(),
        { limit: 100, ...(cursor && { cursor }) },
        shards,
      );
      const due = page.items.filter((a) => !seen.has(a.id));
      for (const a of due) seen.add(a.id);
      fresh ||= due.length > 0;
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
  }
  return { dispatched: seen.size, complete: true };
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
