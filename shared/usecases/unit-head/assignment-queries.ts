import { localInstant, WorkingCalendar } from '#domain/calendar';
import { assessStatus } from '#domain/status';
import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, CalendarReads, ReminderLog } from '#ports/store';
import { ForbiddenError } from '../../errors.ts';
import type { Page } from '../../ports/store.ts';
import type { Assignment, Extension, ProgressReport, Reminder } from '../../schemas/entities.ts';
import { type Actor, assertActsForUnit } from '../actor.ts';
import { found } from '../common.ts';

type Deps = Pick<Dependencies, 'clock'> & { store: AssignmentReads & CalendarReads & ReminderLog };

export type AssignmentView = Assignment & {
  status: ReturnType<typeof assessStatus>['status'];
  reason: string;
};
export type AssignmentDetail = AssignmentView & {
  progressHistory: ProgressReport[];
  extensions: Extension[];
};

export interface AssignmentFilter {
  unit?: string | undefined;
  /** A computed status, or the stored state. */
  status?: AssignmentView['status'] | 'open' | 'done' | undefined;
  /** `YYYY-MM-DD` (before that local day starts) or an instant. */
  dueBefore?: string | undefined;
  limit?: number;
  cursor?: string | undefined;
}

export async function calendarOf(deps: { store: CalendarReads }): Promise<WorkingCalendar> {
  return WorkingCalendar.create(await deps.store.listOverrides());
}

export function viewOf(assignment: Assignment, now: Date, calendar: WorkingCalendar): AssignmentView {
  const { status, reason } = assessStatus(assignment, now, calendar);
  return { ...assignment, status, reason };
}

/**
 * A page of assignments with their computed status. A unit head sees its own unit only (asking
 * for another is 403). A computed-status filter applies to the page read, so a page may hold
 * fewer than `limit` items while `cursor` still leads on.
 */
export async function listAssignments(
  deps: Deps,
  actor: Actor,
  filter: AssignmentFilter,
): Promise<Page<AssignmentView>> {
  let unitId = filter.unit;
  if (actor.role === 'unit-head') {
    if (unitId !== undefined && unitId !== actor.unitId)
      throw new ForbiddenError('a unit head sees its own unit only');
    unitId = actor.unitId;
  }
  const state = filter.status === 'open' || filter.status === 'done' ? filter.status : undefined;
  const dueBefore =
    filter.dueBefore === undefined
      ? undefined
      : filter.dueBefore.length === 10
        ? localInstant(filter.dueBefore, '00:00').toISOString()
        : new Date(filter.dueBefore).toISOString();
  const page = await deps.store.listAssignments({
    ...(unitId !== undefined ? { unitId } : {}),
    ...(state ? { state } : {}),
    ...(dueBefore ? { dueBefore } : {}),
    ...(filter.limit !== undefined ? { limit: filter.limit } : {}),
    ...(filter.cursor !== undefined ? { cursor: filter.cursor } : {}),
  });
  const now = deps.clock.now();
  const calendar = await calendarOf(deps);
  let items = page.items.map((a) => viewOf(a, now, calendar));
  if (filter.status !== undefined && state === undefined)
    items = items.filter((a) => a.status === filter.status);
  return page.cursor ? { items, cursor: page.cursor } : { items };
}

export async function getAssignmentDetail(deps: Deps, actor: Actor, id: string): Promise<AssignmentDetail> {
  const assignment = found(await deps.store.getAssignment(id), `assignment ${id}`);
  assertActsForUnit(actor, assignment.unitId);
  const [progressHistory, extensions, calendar] = await Promise.all([
    deps.store.listProgress(id),
    deps.store.listExtensions(id),
    calendarOf(deps),
  ]);
  return { ...viewOf(assignment, deps.clock.now(), calendar), progressHistory, extensions };
}

/** The reminder log of one assignment (a unit head: its own unit's only). */
export async function listRemindersOf(
  deps: Deps,
  actor: Actor,
  assignmentId: string,
  page: { limit?: number; cursor?: string | undefined },
): Promise<Page<Reminder>> {
  const assignment = found(await deps.store.getAssignment(assignmentId), `assignment ${assignmentId}`);
  assertActsForUnit(actor, assignment.unitId);
  return deps.store.listReminders(assignmentId, {
    ...(page.limit !== undefined ? { limit: page.limit } : {}),
    ...(page.cursor !== undefined ? { cursor: page.cursor } : {}),
  });
}
