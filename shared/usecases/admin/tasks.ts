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
import type { TaskInput } from '../../schemas/api.ts';
import type { Assignment, Task } from '../../schemas/entities.ts';
import { found, newId } from '../common.ts';
import {
  MAX_ASSIGNMENTS_PER_TASK,
  occurrenceDates,
  planAssignments,
  TRANSACTION_LIMIT,
} from './plan-assignments.ts';
import { DEFAULT_POLICY_NAME } from './policies.ts';

type Deps = Pick<Dependencies, 'clock'> & {
  store: UnitReads & DirectiveReads & PolicyReads & CalendarReads & AssignmentReads & Writes;
};

/** Every lead and support unit must exist (and be listed once), the policy must be stored or built in. */
async function checkReferences(deps: Deps, input: TaskInput): Promise<void> {
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
  deps: Deps,
  directiveId: string,
  input: TaskInput,
): Promise<{ task: Task; assignments: Assignment[] }> {
  found(await deps.store.getDirective(directiveId), `directive ${directiveId}`);
  await checkReferences(deps, input);
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
  const task: Task = {
    id,
    directiveId,
    title: input.title,
    due: input.due,
    policy: input.policy,
    lead: input.lead,
    support: input.support,
    urgent: input.urgent,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...(input.recurrence !== undefined ? { recurrence: input.recurrence } : {}),
  };
  const calendar = WorkingCalendar.create(await deps.store.listOverrides());
  const assignments = planAssignments(task, calendar, now, dates);
  const put = (value: Assignment, expect?: 'absent'): Write => ({
    op: 'put',
    entity: { kind: 'assignment', value },
    ...(expect && { expect }),
  });
  const first = assignments.slice(0, TRANSACTION_LIMIT - 1);
  for (let i = first.length; i < assignments.length; i += TRANSACTION_LIMIT) {
    const slice = assignments.slice(i, i + TRANSACTION_LIMIT);
    await deps.store.write(slice.map((value) => put(value, orphans.has(value.id) ? undefined : 'absent')));
  }
  await deps.store.write([
    { op: 'put', entity: { kind: 'task', value: task }, expect: 'absent' },
    ...first.map((value) => put(value, 'absent')),
  ]);
  return { task, assignments };
}
