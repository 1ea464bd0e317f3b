import {
  idParamsSchema,
  pageOf,
  pageQuerySchema,
  taskBodySchema,
  taskCreateSchema,
  taskParamsSchema,
  taskSchema,
  taskWithAssignmentsSchema,
} from '../../schemas/api.ts';
import { deleteTask, updateTask } from '../../usecases/admin/task-edit.ts';
import { createTask } from '../../usecases/admin/tasks.ts';
import { found } from '../../usecases/common.ts';
import { pageOfList } from '../pagination.ts';
import { type AnyRoute, json, noContent, route } from '../route.ts';

const conflict = { status: 409, description: 'The id exists, or the version moved' };
const hasReports = (why: string) => ({
  status: 409,
  description: `The version moved, or \`has-reports\`: ${why} (the issues name the units)`,
});

/** A directive's tasks (nhiệm vụ) and, through them, their assignments. */
export const taskRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/directives/{id}/tasks',
    operationId: 'listTasks',
    summary: "List a directive's tasks",
    tag: 'tasks',
    access: 'admin',
    params: idParamsSchema,
    query: pageQuerySchema,
    responses: [{ status: 200, description: 'A page of tasks', schema: pageOf(taskSchema) }],
    handle: async ({ deps, params, query }) => {
      found(await deps.store.getDirective(params.id), `directive ${params.id}`);
      return json(200, pageOfList(await deps.store.listTasks(params.id), query.limit, query.cursor));
    },
  }),
  route({
    method: 'POST',
    path: '/directives/{id}/tasks',
    operationId: 'createTask',
    summary:
      'Create a task and its assignments (one per lead unit per occurrence); the task is written last, with up to 99 of them',
    tag: 'tasks',
    access: 'admin',
    params: idParamsSchema,
    body: taskCreateSchema,
    responses: [
      { status: 201, description: 'The task and its assignments', schema: taskWithAssignmentsSchema },
      conflict,
    ],
    handle: async ({ deps, params, body }) => json(201, await createTask(deps, params.id, body)),
  }),
  route({
    method: 'GET',
    path: '/directives/{id}/tasks/{taskId}',
    operationId: 'getTask',
    summary: 'Get a task with its assignments',
    tag: 'tasks',
    access: 'admin',
    params: taskParamsSchema,
    responses: [
      { status: 200, description: 'The task and its assignments', schema: taskWithAssignmentsSchema },
    ],
    handle: async ({ deps, params }) => {
      const task = found(await deps.store.getTask(params.id, params.taskId), `task ${params.taskId}`);
      const assignments = (await deps.store.listAssignmentsOfTask(task.id)).filter(
        (a) => a.directiveId === task.directiveId,
      );
      return json(200, { task, assignments }, { etag: `"${task.version}"` });
    },
  }),
  route({
    method: 'PUT',
    path: '/directives/{id}/tasks/{taskId}',
    operationId: 'updateTask',
    summary:
      'Replace a task and replan its assignments: kept ones take the new deadline, title, policy and urgency; new units or occurrences get theirs; withdrawn ones nobody acted on are deleted',
    tag: 'tasks',
    access: 'admin',
    params: taskParamsSchema,
    body: taskBodySchema,
    ifMatch: true,
    responses: [
      { status: 200, description: 'The task and its assignments', schema: taskWithAssignmentsSchema },
      hasReports('a unit taken off has acknowledged, reported on or asked to extend its assignment'),
    ],
    handle: async ({ deps, params, body, ifMatch }) => {
      const result = await updateTask(deps, params.id, params.taskId, body, ifMatch);
      return json(200, result, { etag: `"${result.task.version}"` });
    },
  }),
  route({
    method: 'DELETE',
    path: '/directives/{id}/tasks/{taskId}',
    operationId: 'deleteTask',
    summary: 'Delete a task nobody acted on, with its assignments',
    tag: 'tasks',
    access: 'admin',
    params: taskParamsSchema,
    ifMatch: true,
    responses: [
      { status: 204, description: 'Deleted' },
      hasReports('a unit has acknowledged, reported on, completed or asked to extend an assignment of it'),
    ],
    handle: async ({ deps, params, ifMatch }) => {
      await deleteTask(deps, params.id, params.taskId, ifMatch);
      return noContent();
    },
  }),
];
