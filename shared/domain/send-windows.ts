import type { WorkingCalendar } from './calendar.ts';
import {
  dayNumberOfInstant,
  instantAt,
  isQuietMinute,
  minuteOfInstant,
  minutesOf,
  toLocalDate,
} from './local-time.ts';
import { defaultPolicy, type ReminderPolicy } from './policy.ts';

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
 * - **Open window**: a reminder may go out now (`sendingAllowed`) on a working day outside the
 *   policy's quiet hours (`quietHours`, which belong to each policy). Urgent items ignore both.
 * - **Catch-up** (`catchUpFrom`): a reminder whose planned time had already passed when its
 *   assignment was created or changed is sent at once if it was planned earlier the same working
 *   day and the window is open now; otherwise it is not sent late.
 */
export const WINDOW_TICKS = [defaultPolicy.sendAt] as const;
/**
 * A tick may already have listed its due checks (an index that also lags the table a little) when
 * something due at it is written this close before it: such a check is also marked for the next
 * tick (due marks) and gets a one-time schedule of its own rather than wait for the tick.
 */
export const TICK_LISTING_MARGIN_MS = 2 * 60_000;
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

/** Whether a non-urgent reminder may go at `at`: a working day, outside the policy's quiet hours. */
export function sendingAllowed(at: Date, policy: ReminderPolicy, calendar: WorkingCalendar): boolean {
  if (!calendar.isWorkingDay(toLocalDate(at))) return false;
  const { start, end } = policy.quietHours;
  return !isQuietMinute(minuteOfInstant(at), minutesOf(start), minutesOf(end));
}

/**
 * The catch-up rule: the instant from which the reminders of a plan that starts or changes `now`
 * are still sent. While the window is open (sending allowed now, or any time for an urgent item),
 * that is the start of today (local): a reminder planned earlier today goes out at once instead of
 * being skipped — a task created at 09:08 and due today still gets its 08:00 "due today" SMS.
 * Otherwise it is `now`: a reminder of an earlier day, or one missed by a task created at night,
 * is not sent late (its text would no longer be true, or it would wake someone up).
 * A plan with no reminder earlier today starts at the same check either way.
 */
export function catchUpFrom(
  now: Date,
  policy: ReminderPolicy,
  calendar: WorkingCalendar,
  urgent = false,
): Date {
  if (!urgent && !sendingAllowed(now, policy, calendar)) return now;
  return instantAt(dayNumberOfInstant(now), 0);
}
