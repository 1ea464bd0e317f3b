import { nextDailyInstant, SWEEP_TIME, WINDOW_TICKS } from '#domain/send-windows';
import { WINDOW_TICK } from '#usecases/engine/window';

/** The first daily-sweep instant (07:30 local, every day, as the AWS cron) strictly after `after`. */
export function nextSweepAt(after: Date): Date {
  return nextDailyInstant(after, [SWEEP_TIME]);
}

/** The first window tick (08:00 local, every day, as the AWS cron) strictly after `after`. */
export function nextTickAt(after: Date): Date {
  return nextDailyInstant(after, WINDOW_TICKS);
}

/**
 * What the sweeper receives from the daily EventBridge Scheduler schedule (a LambdaInvoke target
 * without input: an empty JSON object).
 */
export function sweepEvent(): Record<string, never> {
  return {};
}

/** What the dispatcher receives from a window tick's cron schedule (the same input as on AWS). */
export function tickEvent() {
  return { v: 1 as const, assignmentId: WINDOW_TICK, planVersion: 0 };
}
