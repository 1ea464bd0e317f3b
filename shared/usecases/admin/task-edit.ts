import { WorkingCalendar } from '#domain/calendar';
import { hasActed } from '#domain/status';
import type { AssignmentReads } from '#ports/store';
import { BlockedError, type FieldIssue } from '../../errors.ts';
import type { Write } from '../../ports/store.ts';
import type { TaskInput } from '../../schemas/api.ts';
import type { Assignment, Task } from '../../schemas/entities.ts';
import { checkVersion, found } from '../common.ts';
import { planAssignments } from './plan-assignments.ts';
import { checkTaskInput, type TaskDeps, taskFields, writeTaskLast } from './tasks.ts';

/**
 * # Changing and deleting a task
 *
 * A task's assignments are its plan: editing the task recomputes the plan (units x occurrences)
 * and brings the stored assignments to it.
 * - **Kept** (same unit, same occurrence): an open one takes the new title, policy, urgency and
 *   deadline; the stream planner sees the change and replans it (new `planVersion`, so checks and
 *   digest entries of the old plan are dropped). An approved extension later than the new deadline
 *   stays. A closed one is the record of work done and is not touched.
 * - **New**: created, as on create; a new occurrence of a recurrence already due is not.
 * - **Withdrawn** (a unit taken off, an occurrence no longer in the recurrence; a lead unit's
 *   occurrence already due stays, still owed): an open one nobody
 *   acted on is deleted (the planner removes its schedule; a digest that still lists it logs the
 *   entry `skipped`); a closed one stays as the record. One the unit has acknowledged, reported on
 *   or asked to extend cannot be withdrawn: a 409 `has-reports` naming the unit, and nothing is written.
 * A task nobody acted on can be deleted with its assignments; once a unit has acted on any of
 * them the task is a record and stays (409 `has-reports`).
 */

/** Whether the unit has done anything with its assignment: completed, acknowledged, reported or asked for an extension. */
async function actedOn(store: AssignmentReads, a: Assignment): Promise<boolean> {
  if (hasActed(a)) return true;
  return (await store.listExtensions(a.id)).length > 0;
}

function blocked(what: string, units: string[]): BlockedError {
  const unique = [...new Set(units)];
  const issues: FieldIssue[] = unique.map((unit) => ({
    path: 'lead',
    rule: `unit "${unit}" has already acted on its assignment (acknowledged, reported or asked for an extension)`,
  }));
  return new BlockedError(`${what}: ${unique.join(', ')} already acted on it`, 'has-reports', issues);
}

/** The open assignment brought to the new plan, or undefined when nothing changes. */
function revised(old: Assignment, plan: Assignment, stamp: string): Assignment | undefined {
  if (old.state !== 'open') return undefined;
  const extended = old.dueAt !== old.originalDueAt && old.dueAt > plan.dueAt;
  const next = {
    title: plan.title,
    policy: plan.policy,
    urgent: plan.urgent,
    dueAt: extended ? old.dueAt : plan.dueAt,
    originalDueAt: plan.originalDueAt,
  };
  const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => old[k] === next[k]);
  return same ? undefined : { ...old, ...next, version: old.version + 1, updatedAt: stamp };
}

/**
 * The writes that bring the stored assignments to the plan, and the assignments afterwards. An
 * edit does not rewrite a recurrence's past: a new occurrence already due is not created, and a
 * lead unit's occurrence already due that the new recurrence drops stays (still owed, still chased).
 */
async function assignmentChanges(
  store: AssignmentReads,
  task: Task,
  stored: Assignment[],
  planned: Assignment[],
): Promise<{ writes: Write[]; after: Assignment[] }> {
  const stamp = task.updatedAt;
  const byId = new Map(stored.map((a) => [a.id, a]));
  const writes: Write[] = [];
  const after: Assignment[] = [];
  for (const plan of planned) {
    const old = byId.get(plan.id);
    byId.delete(plan.id);
    if (!old && plan.occurrence !== 'once' && plan.dueAt < stamp) continue;
    const value = old ? revised(old, plan, stamp) : plan;
    if (value)
      writes.push({ op: 'put', entity: { kind: 'assignment', value }, expect: old?.version ?? 'absent' });
    after.push(value ?? (old as Assignment));
  }
  const withdrawnActedOn: string[] = [];
  for (const old of byId.values()) {
    const owed = task.lead.includes(old.unitId) && old.dueAt < stamp;
    if (old.state !== 'open' || owed) after.push(old);
    else if (await actedOn(store, old)) withdrawnActedOn.push(old.unitId);
    else writes.push({ op: 'delete', ref: { kind: 'assignment', id: old.id }, expect: old.version });
  }
  if (withdrawnActedOn.length > 0) throw blocked('cannot take these units off the task', withdrawnActedOn);
  return { writes, after };
}

/** The task's assignments (only this directive's: ids derive from the task id). */
async function assignmentsOf(deps: TaskDeps, task: Task): Promise<Assignment[]> {
  return (await deps.store.listAssignmentsOfTask(task.id)).filter((a) => a.directiveId === task.directiveId);
}

/** Replaces a task (If-Match) and replans its assignments; see the rules above. */
export async function updateTask(
  deps: TaskDeps,
  directiveId: string,
  id: string,
  input: TaskInput,
  ifMatch?: number,
): Promise<{ task: Task; assignments: Assignment[] }> {
  const stored = found(await deps.store.getTask(directiveId, id), `task ${id}`);
  checkVersion(`task ${id}`, stored.version, ifMatch);
  const dates = await checkTaskInput(deps, input);
  const now = deps.clock.now();
  const stamp = now.toISOString();
  const task: Task = {
    ...taskFields(input),
    id,
    directiveId,
    version: stored.version + 1,
    createdAt: stored.createdAt,
    updatedAt: stamp,
  };
  const calendar = WorkingCalendar.create(await deps.store.listOverrides());
  const planned = planAssignments(task, calendar, now, dates);
  const { writes, after } = await assignmentChanges(
    deps.store,
    task,
    await assignmentsOf(deps, stored),
    planned,
  );
  await writeTaskLast(deps.store, writes, {
    op: 'put',
    entity: { kind: 'task', value: task },
    expect: stored.version,
  });
  after.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.unitId.localeCompare(b.unitId));
  return { task, assignments: after };
}

/** Deletes a task nobody acted on, with its assignments (If-Match); otherwise a 409 `has-reports`. */
export async function deleteTask(deps: TaskDeps, directiveId: string, id: string, ifMatch?: number) {
  const stored = found(await deps.store.getTask(directiveId, id), `task ${id}`);
  checkVersion(`task ${id}`, stored.version, ifMatch);
  const assignments = await assignmentsOf(deps, stored);
  const acted: string[] = [];
  for (const a of assignments) if (await actedOn(deps.store, a)) acted.push(a.unitId);
  if (acted.length > 0) throw blocked(`task ${id} is kept as a record`, acted);
  const deletes = assignments.map(
    (a): Write => ({ op: 'delete', ref: { kind: 'assignment', id: a.id }, expect: a.version }),
  );
  await writeTaskLast(deps.store, deletes, {
    op: 'delete',
    ref: { kind: 'task', directiveId, id },
    expect: stored.version,
  });
}
