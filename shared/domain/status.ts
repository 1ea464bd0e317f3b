import type { Assignment } from '../schemas/entities.ts';
import type { WorkingCalendar } from './calendar.ts';
import { dayNumberOfInstant, formatLocal } from './local-time.ts';

/** The Government Office's categories: open (trong hạn, sắp đến hạn, chậm tiến độ, quá hạn) and closed. */
export type AssignmentStatus =
  | 'on-track'
  | 'due-soon'
  | 'behind-pace'
  | 'overdue'
  | 'done-on-time'
  | 'done-late';

export interface StatusAssessment {
  status: AssignmentStatus;
  /** Vietnamese, one sentence, shown to administrators and unit heads. */
  reason: string;
}

/** What the assessment reads; an Assignment is one. */
export type AssessedAssignment = Pick<
  Assignment,
  'state' | 'assignedAt' | 'dueAt' | 'originalDueAt' | 'progress' | 'lastProgressAt' | 'completedAt'
>;

/** "Sắp đến hạn": the deadline is within this many working days (today included when it is one). */
/** Whether the unit has acted on its assignment (done, acknowledged or reported): a task edit then keeps it. */
export const hasActed = (
  a: Pick<Assignment, 'state' | 'acknowledgedAt' | 'lastProgressAt' | 'progress'>,
): boolean => a.state !== 'open' || Boolean(a.acknowledgedAt || a.lastProgressAt) || a.progress > 0;

export const DUE_SOON_WORKING_DAYS = 3;
/** "Chậm tiến độ": reported progress trails the share of time used by more than this many points. */
export const PACE_MARGIN_POINTS = 25;
/** A unit that has used this share of its time without any progress report has missed its report. */
export const REPORT_EXPECTED_SHARE = 0.5;

const FALLING_BEHIND: ReadonlySet<AssignmentStatus> = new Set(['due-soon', 'behind-pace', 'overdue']);

/** DESIGN.md: a unit is falling behind when an open assignment is due soon, behind pace or overdue. */
export function isFallingBehind(status: AssignmentStatus): boolean {
  return FALLING_BEHIND.has(status);
}

function extensionNote(a: AssessedAssignment): string {
  return a.originalDueAt !== a.dueAt
    ? ` (đã gia hạn, hạn ban đầu ${formatLocal(new Date(a.originalDueAt))})`
    : '';
}

/**
 * The status of an assignment at `now`, with its reason. Closed ones are judged against the
 * deadline *in force* (`dueAt`): an approved extension (gia hạn) is a legitimate new deadline, and
 * the scorecard still has `originalDueAt` to show work done only thanks to an extension.
 * Open ones, most serious first: overdue, behind pace (including a missed progress report), due soon.
 */
export function assessStatus(a: AssessedAssignment, now: Date, cal: WorkingCalendar): StatusAssessment {
  const due = new Date(a.dueAt);
  const dueText = `hạn ${formatLocal(due)}${extensionNote(a)}`;
  if (a.state === 'done') return assessClosed(a, now, due, dueText);
  const days = dayNumberOfInstant(due) - dayNumberOfInstant(now);
  if (now.getTime() > due.getTime()) {
    const late = days < 0 ? `${-days} ngày` : `từ ${formatLocal(due).slice(11)} hôm nay`;
    return { status: 'overdue', reason: `Quá hạn ${late} (${dueText}), tiến độ ${a.progress}%` };
  }
  const behind = paceProblem(a, now, due);
  if (behind) return { status: 'behind-pace', reason: `${behind} (${dueText})` };
  const horizon = cal.addWorkingDayNumbers(dayNumberOfInstant(now), DUE_SOON_WORKING_DAYS);
  if (dayNumberOfInstant(due) <= horizon) {
    const when = days === 0 ? 'hôm nay' : `sau ${days} ngày`;
    return {
      status: 'due-soon',
      reason: `Sắp đến hạn: đến hạn ${when} (${dueText}), tiến độ ${a.progress}%`,
    };
  }
  return { status: 'on-track', reason: `Trong hạn: còn ${days} ngày (${dueText}), tiến độ ${a.progress}%` };
}

function assessClosed(a: AssessedAssignment, now: Date, due: Date, dueText: string): StatusAssessment {
  const done = a.completedAt ? new Date(a.completedAt) : now;
  const doneText = `Hoàn thành lúc ${formatLocal(done)}`;
  if (done.getTime() <= due.getTime())
    return { status: 'done-on-time', reason: `${doneText}, đúng hạn (${dueText})` };
  const days = dayNumberOfInstant(done) - dayNumberOfInstant(due);
  const late = days > 0 ? `${days} ngày` : 'trong ngày';
  return { status: 'done-late', reason: `${doneText}, quá hạn ${late} (${dueText})` };
}

/** Why an open assignment is behind pace, or undefined: progress well below time used, or no report. */
function paceProblem(a: AssessedAssignment, now: Date, due: Date): string | undefined {
  const start = new Date(a.assignedAt).getTime();
  const total = due.getTime() - start;
  const share = total <= 0 ? 1 : Math.min(1, Math.max(0, (now.getTime() - start) / total));
  const used = Math.round(share * 100);
  if (a.progress + PACE_MARGIN_POINTS < used) {
    return `Chậm tiến độ: báo cáo ${a.progress}% trong khi đã dùng ${used}% thời gian`;
  }
  if (share >= REPORT_EXPECTED_SHARE && !a.lastProgressAt) {
    return `Chậm tiến độ: chưa báo cáo tiến độ dù đã dùng ${used}% thời gian`;
  }
  return undefined;
}
