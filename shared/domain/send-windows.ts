import { dayNumberOfInstant, instantAt, minuteOfInstant, minutesOf } from './local-time.ts';
import { defaultPolicy } from './policy.ts';

/**
 * # The fixed times of the send path, defined once
 *
 * Used by the CDK stack (EventBridge Scheduler cron schedules in Asia/Ho_Chi_Minh), by the engine
 * (which checks need their own one-time schedule) and by the local runtime (which fires the same
 * handlers at the same times).
 *
 * - **Window ticks**: every day at each of `WINDOW_TICKS` (local time) the window drain runs: it
 *   dispatches every check due by then and sends the window's messages, paced. A check that falls
 *   exactly on a tick needs no schedule of its own; any other (an urgent item, an exact-time
 *   deadline, a policy sending at another hour) gets a one-time `at()` schedule. The default policy
 *   sends at 08:00, so nearly every reminder rides the 08:00 tick.
 * - **Daily sweep**: every day (not only working days: a swapped working Saturday needs it too) at
 *   `SWEEP_TIME`, the safety net for lost checks and unsent digests.
 * - Quiet hours belong to each reminder policy (`quietHours`, checked by `sendingAllowed`).
 */
export const WINDOW_TICKS = [defaultPolicy.sendAt] as const;
export const SWEEP_TIME = '07:30';

const tickMinutes = WINDOW_TICKS.map(minutesOf);

/** Whether the instant is exactly a window tick (a whole local minute in WINDOW_TICKS). */
export function isWindowTick(instant: Date): boolean {
  return instant.getTime() % 60_000 === 0 && tickMinutes.includes(minuteOfInstant(instant));
}

/** The first instant strictly after `after` that is one of `times` (local, every day). */
export function nextDailyInstant(after: Date, times: readonly string[]): Date {
  const today = dayNumberOfInstant(after);
  const candidates = [today, today + 1].flatMap((day) => times.map((t) => instantAt(day, minutesOf(t))));
  const next = candidates
    .filter((c) => c.getTime() > after.getTime())
    .sort((a, b) => a.getTime() - b.getTime())[0];
  if (!next) throw new Error('no daily instant after a day and a half');
  return next;
}

/** `08:00` -> the EventBridge Scheduler cron fields of a daily run at that local time. */
export function dailyCron(time: string): { minute: string; hour: string } {
  const [hour = '0', minute = '0'] = time.split(':');
  return { minute: String(Number(minute)), hour: String(Number(hour)) };
}

/** The first window tick at or after `instant`: the tick that dispatches a check due then. */
export function tickAtOrAfter(instant: Date): Date {
  return nextDailyInstant(new Date(instant.getTime() - 1), WINDOW_TICKS);
}

/** The last window tick at or before `instant` (the latest tick that has run by then). */
export function tickAtOrBefore(instant: Date): Date {
  const today = dayNumberOfInstant(instant);
  const past = [today - 1, today]
    .flatMap((day) => tickMinutes.map((m) => instantAt(day, m)))
    .filter((t) => t.getTime() <= instant.getTime());
  return past.reduce((a, b) => (b.getTime() > a.getTime() ? b : a));
}
