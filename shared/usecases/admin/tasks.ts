import { WorkingCalendar } from '#domain/calendar';
import type { Dependencies } from '#ports/dependencies';
import type {
  AssignmentReads,
  CalendarReads,
  DirectiveReads,
  PolicyReads,
  UnitReads,
  Writes,
} from '#ports/store';
import { ConflictError, type FieldIssue, ValidationError } from '../../errors.ts';
import type { Write } from '../../ports/store.ts';
import type { TaskCreateInput, TaskInput } from '../../schemas/api.ts';
import type { Assignment, Task } from '../../schemas/entities.ts';
import { found, newId } from '../common.ts';
import {
  MAX_ASSIGNMENTS_PER_TASK,
  occurrenceDates,
  planAssignments,
  TRANSACTION_LIMIT,
} from './plan-assignments.ts';
import { DEFAULT_POLICY_NAME } from './policies.ts';

export type TaskDeps = Pick<Dependencies, 'clock'> & {
  store: UnitReads & DirectiveReads & PolicyReads & CalendarReads & AssignmentReads & Writes;
};

/**
 * Checks what a task body refers to: every lead and support unit exists (and is listed once), the
 * policy is stored or built in, and units x occurrences stays within the limit. Returns the
 * occurrence dates (undefined for a one-off task).
 */
export async function checkTaskInput(deps: TaskDeps, input: TaskInput): Promise<string[] | undefined> {
  const issues: FieldIssue[] = [];
  const check = async (list: string[], field: string) => {
    const seen = new Set<string>();
    for (const [i, unitId] of list.entries()) {
      if (seen.has(unitId)) issues.push({ path: `${field}[${i}]`, rule: `unit "${unitId}" is listed twice` });
      else if (!(await deps.store.getUnit(unitId)))
        issues.push({ path: `${field}[${i}]`, rule: `unknown unit "${unitId}"` });
      seen.add(unitId);
    }
  };
  await check(input.lead, 'lead');
  await check(input.support, 'support');
  if (input.policy !== DEFAULT_POLICY_NAME && !(await deps.store.getPolicy(input.policy))) {
    issues.push({ path: 'policy', rule: `unknown policy "${input.policy}"` });
  }
  if (issues.length > 0) throw new ValidationError('invalid task', issues);
  const dates = occurrenceDates(input);
  const count = (dates?.length ?? 1) * input.lead.length;
  if (count > MAX_ASSIGNMENTS_PER_TASK) {
    throw new ValidationError('too many assignments', [
      {
        path: 'lead',
        rule: `would create ${count} assignments (units x occurrences); at most ${MAX_ASSIGNMENTS_PER_TASK} per task`,
      },
    ]);
  }
  return dates;
}

/** The task's own fields from a request body (the stored ones' stamps added by the caller). */
export function taskFields(
  input: TaskInput,
): Omit<Task, 'id' | 'directiveId' | 'version' | 'createdAt' | 'updatedAt'> {
  return {
    title: input.title,
    due: input.due,
    policy: input.policy,
    lead: input.lead,
    support: input.support,
    urgent: input.urgent,
    ...(input.recurrence !== undefined ? { recurrence: input.recurrence } : {}),
  };
}

/**
 * Writes a task's assignment changes and the task's own write: the task goes last, with up to 99
 * of them in its transaction; the rest before it, in transactions of 100. So the task changes only
 * once all its assignments have, and a failed chunk is finished by retrying the same request.
 */
export async function writeTaskLast(
  store: Writes,
  assignmentWrites: Write[],
  taskWrite: Write,
): Promise<void> {
  const first = assignmentWrites.slice(0, TRANSACTION_LIMIT - 1);
  for (let i = first.length; i < assignmentWrites.length; i += TRANSACTION_LIMIT)
    await store.write(assignmentWrites.slice(i, i + TRANSACTION_LIMIT));
  await store.write([taskWrite, ...first]);
}

/**
 * Creates a task and its assignments (one per lead unit per occurrence, deadlines from the
 * working calendar). Up to 99 assignments go with the task in one transaction. Beyond that the
 * extra assignments are written first, in transactions of 100, and the task with the first 99
 * last: the task only appears once all its assignments exist. Assignment ids derive from the
 * task id, so if a chunk fails the caller simply retries the same request; the orphans of the
 * failed attempt are overwritten with the same content, and nothing else ever is (a task id used
 * by another directive is a 409).
 */
export async function createTask(
  deps: TaskDeps,
  directiveId: string,
  input: TaskCreateInput,
): Promise<{ task: Task; assignments: Assignment[] }> {
  found(await deps.store.getDirective(directiveId), `directive ${directiveId}`);
  const dates = await checkTaskInput(deps, input);
  const id = input.id ?? newId();
  if (await deps.store.getTask(directiveId, id)) throw new ConflictError(`task ${id} already exists`);
  // Assignment ids derive from the task id alone: only the orphans of a failed attempt at this same task may be overwritten.
  const existing = await deps.store.listAssignmentsOfTask(id);
  const foreign = existing.find((a) => a.directiveId !== directiveId);
  if (foreign) {
    throw new ConflictError(
      `task id ${id} is already used by directive ${foreign.directiveId}; choose another id`,
    );
  }
  const orphans = new Set(existing.map((a) => a.id));
  const now = deps.clock.now();
  const stamp = now.toISOString();
  const task: Task = {
    id,
    directiveId,
    ...taskFields(input),
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
  };
  const calendar = WorkingCalendar.create(await deps.store.listOverrides());
  const assignments = planAssignments(task, calendar, now, dates);
  const puts = assignments.map(
    (value): Write => ({
      op: 'put',
      entity: { kind: 'assignment', value },
      ...(orphans.has(value.id) ? {} : { expect: 'absent' as const }),
    }),
  );
  await writeTaskLast(deps.store, puts, {
    op: 'put',
    entity: { kind: 'task', value: task },
    expect: 'absent',
  });
  return { task, assignments };
}
