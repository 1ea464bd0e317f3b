import { createHash } from 'node:crypto';
import { localInstant, toLocalDate, type WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';
import { addDays, localTimeOf } from '#domain/local-time';
import { occurrences } from '#domain/recurrence';
import { LAST_SUPPORTED_DATE } from '#domain/supported-range';
import { ValidationError } from '../../errors.ts';
import type { Assignment, DeadlineRule, Task } from '../../schemas/entities.ts';

/** Units x occurrences of one task (e.g. 30 units x 12 monthly reports = 360, well inside). */
export const MAX_ASSIGNMENTS_PER_TASK = 2000;

/** DynamoDB writes at most 100 items in one transaction. */
export const TRANSACTION_LIMIT = 100;

/** The local date a deadline rule is anchored on (the first occurrence of a recurring task). */
export function anchorDate(rule: DeadlineRule): string {
  if (typeof rule === 'object') return rule.after;
  return rule.length === 10 ? rule : toLocalDate(new Date(rule));
}

/** The same rule moved to another occurrence date (same time of day, same working-day count). */
function ruleOn(rule: DeadlineRule, date: string): DeadlineRule {
  if (typeof rule === 'object') return { workingDays: rule.workingDays, after: date };
  if (rule.length === 10) return date;
  return localInstant(date, localTimeOf(new Date(rule))).toISOString();
}

/** One year after `date`, minus a day, and never past the supported range: the window a recurring task is expanded over. */
export function windowEnd(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  const end = addDays(d.toISOString().slice(0, 10), -1);
  return end.localeCompare(LAST_SUPPORTED_DATE) > 0 ? LAST_SUPPORTED_DATE : end;
}

/**
 * The occurrences of a task: `once`, or the RRULE's dates in the 12 months starting at the task's
 * first deadline (`due`'s date) — the RRULE's own COUNT/UNTIL still apply. Path-named errors.
 */
export function occurrenceDates(
  task: Pick<Task, 'due' | 'recurrence'>,
  path = 'recurrence',
): string[] | undefined {
  if (task.recurrence === undefined) return undefined;
  const from = anchorDate(task.due);
  let dates: string[];
  try {
    dates = occurrences(task.recurrence, from, windowEnd(from));
  } catch (error) {
    if (error instanceof ValidationError)
      throw new ValidationError(
        error.message,
        error.issues.map((i) => ({ path, rule: i.rule })),
      );
    throw new ValidationError('invalid recurrence', [
      { path, rule: 'must be an RFC 5545 RRULE, e.g. FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15' },
    ]);
  }
  if (dates.length === 0) {
    throw new ValidationError('invalid recurrence', [
      { path, rule: `has no occurrence between ${from} and ${windowEnd(from)}` },
    ]);
  }
  return dates;
}

/** Deterministic, readable assignment id (`task.unit[.date]`), hashed when over the 80-character id limit. */
export function assignmentId(taskId: string, unitId: string, occurrence: string): string {
  const readable = occurrence === 'once' ? `${taskId}.${unitId}` : `${taskId}.${unitId}.${occurrence}`;
  if (readable.length <= 80) return readable;
  return `a-${createHash('sha256').update(`${taskId}\u0000${unitId}\u0000${occurrence}`).digest('hex').slice(0, 32)}`;
}

/**
 * One assignment per lead unit per occurrence. The first occurrence is assigned now; a later one
 * when the previous deadline passes (so pace is measured over its own period), never after its deadline.
 * A deadline that lands outside the supported range is a ValidationError on `duePath`.
 */
export function planAssignments(
  task: Task,
  calendar: WorkingCalendar,
  now: Date,
  dates = occurrenceDates(task),
  duePath = 'due',
): Assignment[] {
  const occurrencesOfTask = (dates ?? ['once']).map((occurrence) => ({
    occurrence,
    dueAt: resolveDeadline(
      occurrence === 'once' ? task.due : ruleOn(task.due, occurrence),
      calendar,
      duePath,
    ),
  }));
  const stamp = now.toISOString();
  const assignments: Assignment[] = [];
  let previousDue: Date | undefined;
  for (const { occurrence, dueAt } of occurrencesOfTask) {
    let assigned = previousDue && previousDue > now ? previousDue : now;
    if (assigned > dueAt) assigned = dueAt;
    for (const unitId of task.lead) {
      assignments.push({
        id: assignmentId(task.id, unitId, occurrence),
        taskId: task.id,
        directiveId: task.directiveId,
        unitId,
        occurrence,
        title: task.title,
        policy: task.policy,
        urgent: task.urgent,
        assignedAt: assigned.toISOString(),
        dueAt: dueAt.toISOString(),
        originalDueAt: dueAt.toISOString(),
        state: 'open',
        progress: 0,
        planVersion: 1,
        version: 1,
        createdAt: stamp,
        updatedAt: stamp,
      });
    }
    previousDue = dueAt;
  }
  return assignments;
}
