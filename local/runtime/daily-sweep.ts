import type { WorkingCalendar } from '#domain/calendar';

export const SWEEP_TIME = '07:30';

/** The first daily-sweep instant (07:30 local on a working day) strictly after `after`. */
export function nextSweepAt(after: Date, calendar: WorkingCalendar): Date {
  const next = calendar.nextWorkingInstant(after, SWEEP_TIME);
  if (next.getTime() > after.getTime()) return next;
  return calendar.nextWorkingInstant(new Date(after.getTime() + 60_000), SWEEP_TIME);
}

/**
 * What the sweeper receives from the daily EventBridge Scheduler schedule (a LambdaInvoke target
 * without input: an empty JSON object).
 */
export function sweepEvent(): Record<string, never> {
  return {};
}
