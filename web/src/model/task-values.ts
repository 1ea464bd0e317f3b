import { localTimeOf, toLocalDate } from '../../../shared/domain/local-time.ts';
import { hasActed } from '../../../shared/domain/status.ts';
import type { DeadlineRule, Task } from '../../../shared/schemas/entities.ts';
import type { AssignmentView } from '../types.ts';
import { dayTextFromIso, isoFromDayText, timeFromText } from './date-text.ts';
import { choiceOf, type RecurrenceChoice, ruleOf } from './recurrence-builder.ts';

export type DeadlineKind = 'date' | 'instant' | 'workingDays';

/** The task form as typed: dates dd/mm/yyyy, times hh:mm (24-hour), the recurrence as the builder's choice. */
export interface TaskValues {
  title: string;
  kind: DeadlineKind;
  date: string;
  time: string;
  workingDays: string;
  after: string;
  recurrence: RecurrenceChoice;
  /** A stored RRULE the builder cannot make, kept as it is until another recurrence is chosen. */
  keptRule?: string | undefined;
  policy: string;
  lead: string[];
  support: string[];
  urgent: boolean;
}

/** A new task's form: due on a date, the default policy, no units; "N working days after" counts from `after`. */
export const blankTask = (after: string): TaskValues => ({
  title: '',
  kind: 'date',
  date: '',
  time: '17:00',
  workingDays: '10',
  after,
  recurrence: choiceOf(undefined) as RecurrenceChoice,
  policy: 'mac-dinh',
  lead: [],
  support: [],
  urgent: false,
});

/** The form of a stored task, to edit it. */
export function valuesOf(task: Task, after: string): TaskValues {
  const base = { ...blankTask(after), title: task.title, policy: task.policy, urgent: task.urgent };
  const units = { lead: [...task.lead], support: [...task.support] };
  const choice = choiceOf(task.recurrence);
  const recurrence = {
    recurrence: choice ?? (choiceOf(undefined) as RecurrenceChoice),
    keptRule: choice ? undefined : task.recurrence,
  };
  const due = task.due;
  if (typeof due === 'object')
    return {
      ...base,
      ...units,
      ...recurrence,
      kind: 'workingDays',
      workingDays: String(due.workingDays),
      after: dayTextFromIso(due.after),
    };
  if (due.length === 10) return { ...base, ...units, ...recurrence, kind: 'date', date: dayTextFromIso(due) };
  const at = new Date(due);
  return {
    ...base,
    ...units,
    ...recurrence,
    kind: 'instant',
    date: dayTextFromIso(toLocalDate(at)),
    time: localTimeOf(at),
  };
}

/** The deadline rule the form describes (undefined while incomplete). */
export function deadlineOf(
  v: Pick<TaskValues, 'kind' | 'date' | 'time' | 'workingDays' | 'after'>,
): DeadlineRule | undefined {
  const date = isoFromDayText(v.date);
  if (v.kind === 'date') return date || undefined;
  if (v.kind === 'instant') return date && v.time ? `${date}T${timeFromText(v.time)}:00+07:00` : undefined;
  if (v.workingDays === '' || !v.after) return undefined;
  return { workingDays: Number(v.workingDays), after: isoFromDayText(v.after) };
}

/** The request body the form stands for (validated by the API's own schema before it is sent). */
export function taskBodyOf(v: TaskValues) {
  const recurrence = v.keptRule ?? ruleOf(v.recurrence);
  return {
    title: v.title,
    due: deadlineOf(v),
    ...(recurrence ? { recurrence } : {}),
    policy: v.policy,
    lead: v.lead,
    support: v.support,
    urgent: v.urgent,
  };
}

/**
 * Whether the unit has acted on the assignment (completed, acknowledged, reported progress): the
 * API then keeps it, so the console says so before anyone tries. (An extension request shows only
 * on the assignment's page; the API refuses that case too, in words.)
 */
export const actedOn = (a: AssignmentView): boolean => hasActed(a);

/** Units that cannot be taken off the task: an open assignment of theirs was acted on (a done one simply stays). */
export function lockedUnits(assignments: AssignmentView[]): string[] {
  return [...new Set(assignments.filter((a) => a.state === 'open' && actedOn(a)).map((a) => a.unitId))];
}
