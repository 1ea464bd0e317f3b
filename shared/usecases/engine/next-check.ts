import type { WorkingCalendar } from '#domain/calendar';
import { type PlannedReminder, planReminders } from '#domain/planner';
import type { ReminderPolicy } from '#domain/policy';
import { catchUpFrom } from '#domain/send-windows';
import type { Assignment } from '#schemas/entities';

/**
 * The next-check rule, in one place (pure):
 *
 * `nextCheckAt` is the assignment's cursor: every planned reminder before it has been handled
 * (queued in a digest, or deliberately skipped because it was planned before the plan took effect).
 * - When the plan starts or changes (creation, extension, re-assignment, reopening, policy or
 *   calendar change: anything in `planInputsChanged`), the planner sets it to the first planned
 *   reminder at or after the catch-up start (`firstCheckOfChange`): while the send window is open,
 *   a reminder planned earlier the same day is still sent (the check is due at once); reminders
 *   of earlier days, or missed at night, are not sent late (`catchUpFrom` in send-windows.ts).
 * - When a check fires, the dispatcher handles every planned reminder in [nextCheckAt, now]
 *   (`dueBetween`) and moves it to the first one strictly after now (`nextCheckAfter`).
 * - No next reminder: `nextCheckAt` is removed and the schedule deleted.
 */
export function planOf(a: Assignment, policy: ReminderPolicy, calendar: WorkingCalendar): PlannedReminder[] {
  return planReminders({ dueAt: new Date(a.dueAt), policy, calendar, urgent: a.urgent });
}

/** The first planned reminder at or after `from`. */
export function firstCheckFrom(plan: readonly PlannedReminder[], from: Date): Date | undefined {
  return plan.find((r) => r.at.getTime() >= from.getTime())?.at;
}

/**
 * The first check of a plan that starts or changes `now`, with the catch-up rule: it lies before
 * `now` exactly when a reminder planned earlier today is to be caught up.
 */
export function firstCheckOfChange(
  plan: readonly PlannedReminder[],
  now: Date,
  a: Pick<Assignment, 'urgent'>,
  policy: ReminderPolicy,
  calendar: WorkingCalendar,
): Date | undefined {
  return firstCheckFrom(plan, catchUpFrom(now, policy, calendar, a.urgent));
}

/** The first planned reminder strictly after `now` (a check handled everything up to now). */
export function nextCheckAfter(plan: readonly PlannedReminder[], now: Date): Date | undefined {
  return plan.find((r) => r.at.getTime() > now.getTime())?.at;
}

/** The planned reminders the dispatcher must handle now: from the cursor up to now, both included. */
export function dueBetween(plan: readonly PlannedReminder[], floor: Date, now: Date): PlannedReminder[] {
  return plan.filter((r) => r.at.getTime() >= floor.getTime() && r.at.getTime() <= now.getTime());
}

/** The fields a reminder plan is computed from (besides the policy and the calendar). */
export function planInputsChanged(before: Assignment, after: Assignment): boolean {
  return (
    before.state !== after.state ||
    before.dueAt !== after.dueAt ||
    before.policy !== after.policy ||
    before.urgent !== after.urgent ||
    before.unitId !== after.unitId
  );
}

/** Same instant (both absent counts as the same). */
export function sameInstant(a: string | Date | undefined, b: string | Date | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return new Date(a).getTime() === new Date(b).getTime();
}

/** The assignment with `nextCheckAt` set to `at`, or without it. */
export function withNextCheck(a: Assignment, at: Date | undefined): Assignment {
  const { nextCheckAt: _old, ...rest } = a;
  return at ? { ...rest, nextCheckAt: at.toISOString() } : rest;
}
