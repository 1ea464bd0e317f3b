import { WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';
import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, CalendarReads, Writes } from '#ports/store';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { Assignment, DeadlineRule, Extension, ProgressReport } from '../../schemas/entities.ts';
import { type Actor, assertActsForUnit } from '../actor.ts';
import { checkVersion, found, newId } from '../common.ts';

/**
 * What a unit head (or an administrator) does on an assignment. Each is one `store.write`
 * expecting the version read, so concurrent changes are never a lost update. Changes that move
 * what the reminder plan depends on (deadline, state) bump `planVersion`: the stream planner
 * reschedules and stale schedule fires are dropped.
 */

type Deps = Pick<Dependencies, 'clock'> & { store: AssignmentReads & CalendarReads & Writes };

async function openAssignment(deps: Deps, actor: Actor, id: string, ifMatch?: number): Promise<Assignment> {
  const assignment = found(await deps.store.getAssignment(id), `assignment ${id}`);
  assertActsForUnit(actor, assignment.unitId);
  checkVersion(`assignment ${id}`, assignment.version, ifMatch);
  if (assignment.state !== 'open') throw new ConflictError(`assignment ${id} is already done`);
  return assignment;
}

/**
 * Reads the open assignment and acts on it. Without If-Match the caller asked to act on the
 * assignment as it is now, so a write that lost a race (the dispatcher moves the next check, and
 * with it `version`, while a head taps the link of the reminder it just sent) is tried again on a
 * fresh read, up to three times, instead of a 409 that would only make them tap again. With
 * If-Match the caller asked for that version only: a stale one is a 409.
 */
async function onLatest<T>(
  deps: Deps,
  actor: Actor,
  id: string,
  ifMatch: number | undefined,
  act: (current: Assignment) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await openAssignment(deps, actor, id, ifMatch);
    try {
      return await act(current);
    } catch (error) {
      if (ifMatch !== undefined || attempt === 3 || !(error instanceof ConflictError)) throw error;
    }
  }
}

function next(a: Assignment, now: Date, change: Partial<Assignment>): Assignment {
  return { ...a, ...change, version: a.version + 1, updatedAt: now.toISOString() };
}

/** The new assignment and its progress report, in one transaction guarded by the version read. */
async function saveWithReport(
  deps: Deps,
  actor: Actor,
  current: Assignment,
  assignment: Assignment,
  input: { percent: number; note?: string | undefined },
): Promise<ProgressReport> {
  const report: ProgressReport = {
    assignmentId: current.id,
    at: assignment.updatedAt,
    percent: input.percent,
    note: input.note ?? '',
    by: actor.sub,
  };
  await deps.store.write([
    { op: 'put', entity: { kind: 'progress', value: report } },
    { op: 'put', entity: { kind: 'assignment', value: assignment }, expect: current.version },
  ]);
  return report;
}

export async function reportProgress(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { percent: number; note?: string | undefined },
  ifMatch?: number,
): Promise<{ assignment: Assignment; report: ProgressReport }> {
  return onLatest(deps, actor, id, ifMatch, async (current) => {
    const now = deps.clock.now();
    const assignment = next(current, now, { progress: input.percent, lastProgressAt: now.toISOString() });
    const report = await saveWithReport(deps, actor, current, assignment, input);
    return { assignment, report };
  });
}

/** Acknowledging twice keeps the first time and writes nothing. */
export async function acknowledge(
  deps: Deps,
  actor: Actor,
  id: string,
  ifMatch?: number,
): Promise<Assignment> {
  return onLatest(deps, actor, id, ifMatch, async (current) => {
    if (current.acknowledgedAt) return current;
    const now = deps.clock.now();
    const assignment = next(current, now, { acknowledgedAt: now.toISOString() });
    await deps.store.write([
      { op: 'put', entity: { kind: 'assignment', value: assignment }, expect: current.version },
    ]);
    return assignment;
  });
}

/** Closes the assignment (progress 100, recorded as a final report); the planner removes its schedule. */
export async function complete(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { note?: string | undefined } = {},
  ifMatch?: number,
): Promise<Assignment> {
  return onLatest(deps, actor, id, ifMatch, async (current) => {
    const now = deps.clock.now();
    const { nextCheckAt: _dropped, ...rest } = current;
    const assignment = next(rest, now, {
      state: 'done',
      completedAt: now.toISOString(),
      progress: 100,
      lastProgressAt: now.toISOString(),
      planVersion: current.planVersion + 1,
    });
    await saveWithReport(deps, actor, current, assignment, { percent: 100, note: input.note });
    return assignment;
  });
}

/** A request for a later deadline; an administrator approves or rejects it. */
export async function requestExtension(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { newDue: DeadlineRule; reason: string },
): Promise<Extension> {
  const assignment = await openAssignment(deps, actor, id);
  const calendar = WorkingCalendar.create(await deps.store.listOverrides());
  const newDueAt = resolveDeadline(input.newDue, calendar, 'newDue');
  if (newDueAt.getTime() <= new Date(assignment.dueAt).getTime()) {
    throw new ValidationError('invalid extension', [
      { path: 'newDue', rule: `must be later than the current deadline ${assignment.dueAt}` },
    ]);
  }
  const now = deps.clock.now().toISOString();
  const extension: Extension = {
    id: newId(),
    assignmentId: id,
    requestedAt: now,
    requestedBy: actor.sub,
    newDueAt: newDueAt.toISOString(),
    reason: input.reason,
    state: 'requested',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.write([{ op: 'put', entity: { kind: 'extension', value: extension }, expect: 'absent' }]);
  return extension;
}
