import {
  directiveBodySchema,
  directiveCreateSchema,
  directiveSchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
  policyBodySchema,
  policyParamsSchema,
  storedPolicySchema,
  taskCreateSchema,
  taskSchema,
  taskWithAssignmentsSchema,
} from '../../schemas/api.ts';
import { createDirective, deleteDirective, updateDirective } from '../../usecases/admin/directives.ts';
import { createPolicy, deletePolicy, replacePolicy } from '../../usecases/admin/policies.ts';
import { createTask } from '../../usecases/admin/tasks.ts';
import { found } from '../../usecases/common.ts';
import { pageOfList, storePage, wrapPage } from '../pagination.ts';
import { type AnyRoute, entity, json, noContent, route } from '../route.ts';

const conflict = { status: 409, description: 'The id exists, or the version moved, or it is still in use' };

/** Reminder policies, directives (văn bản chỉ đạo) and their tasks (nhiệm vụ). */
export const directiveRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/policies',
    operationId: 'listPolicies',
    summary: 'List reminder policies',
    tag: 'policies',
    access: 'admin',
    query: pageQuerySchema,
    responses: [{ status: 200, description: 'A page of policies', schema: pageOf(storedPolicySchema) }],
    handle: async ({ deps, query }) => {
      const all = (await deps.store.listPolicies()).sort((a, b) => a.name.localeCompare(b.name));
      return json(200, pageOfList(all, query.limit, query.cursor));
    },
  }),
  route({
    method: 'POST',
    path: '/policies',
    operationId: 'createPolicy',
    summary: 'Create a reminder policy',
    tag: 'policies',
    access: 'admin',
    body: policyBodySchema,
    responses: [{ status: 201, description: 'Created', schema: storedPolicySchema }, conflict],
    handle: async ({ deps, body }) => {
      const policy = await createPolicy(deps, body);
      return entity(201, policy, { location: `/policies/${policy.name}` });
    },
  }),
  route({
    method: 'GET',
    path: '/policies/{name}',
    operationId: 'getPolicy',
    summary: 'Get a reminder policy',
    tag: 'policies',
    access: 'admin',
    params: policyParamsSchema,
    responses: [{ status: 200, description: 'The policy', schema: storedPolicySchema }],
    handle: async ({ deps, params }) =>
      entity(200, found(await deps.store.getPolicy(params.name), `policy ${params.name}`)),
  }),
  route({
    method: 'PUT',
    path: '/policies/{name}',
    operationId: 'replacePolicy',
    summary: 'Replace a reminder policy',
    tag: 'policies',
    access: 'admin',
    params: policyParamsSchema,
    body: policyBodySchema,
    ifMatch: true,
    responses: [{ status: 200, description: 'The policy', schema: storedPolicySchema }, conflict],
    handle: async ({ deps, params, body, ifMatch }) =>
      entity(200, await replacePolicy(deps, params.name, body, ifMatch)),
  }),
  route({
    method: 'DELETE',
    path: '/policies/{name}',
    operationId: 'deletePolicy',
    summary: 'Delete a policy no task uses',
    tag: 'policies',
    access: 'admin',
    params: policyParamsSchema,
    ifMatch: true,
    responses: [{ status: 204, description: 'Deleted' }, conflict],
    handle: async ({ deps, params, ifMatch }) => {
      await deletePolicy(deps, params.name, ifMatch);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/directives',
    operationId: 'listDirectives',
    summary: 'List directives',
    tag: 'directives',
    access: 'admin',
    query: pageQuerySchema,
    responses: [{ status: 200, description: 'A page of directives', schema: pageOf(directiveSchema) }],
    handle: async ({ deps, query }) => json(200, wrapPage(await deps.store.listDirectives(storePage(query)))),
  }),
  route({
    method: 'POST',
    path: '/directives',
    operationId: 'createDirective',
    summary: 'Enter a directive',
    tag: 'directives',
    access: 'admin',
    body: directiveCreateSchema,
    responses: [{ status: 201, description: 'Created', schema: directiveSchema }, conflict],
    handle: async ({ deps, body }) => {
      const directive = await createDirective(deps, body);
      return entity(201, directive, { location: `/directives/${encodeURIComponent(directive.id)}` });
    },
  }),
  route({
    method: 'GET',
    path: '/directives/{id}',
    operationId: 'getDirective',
    summary: 'Get a directive',
    tag: 'directives',
    access: 'admin',
    params: idParamsSchema,
    responses: [{ status: 200, description: 'The directive', schema: directiveSchema }],
    handle: async ({ deps, params }) =>
      entity(200, found(await deps.store.getDirective(params.id), `directive ${params.id}`)),
  }),
  route({
    method: 'PUT',
    path: '/directives/{id}',
    operationId: 'updateDirective',
    summary: 'Replace a directive',
    tag: 'directives',
    access: 'admin',
    params: idParamsSchema,
    body: directiveBodySchema,
    ifMatch: true,
    responses: [{ status: 200, description: 'The directive', schema: directiveSchema }, conflict],
    handle: async ({ deps, params, body, ifMatch }) =>
      entity(200, await updateDirective(deps, params.id, body, ifMatch)),
  }),
  route({
    method: 'DELETE',
    path: '/directives/{id}',
    operationId: 'deleteDirective',
    summary: 'Delete a directive without tasks',
    tag: 'directives',
    access: 'admin',
    params: idParamsSchema,
    ifMatch: true,
    responses: [{ status: 204, description: 'Deleted' }, conflict],
    handle: async ({ deps, params, ifMatch }) => {
      await deleteDirective(deps, params.id, ifMatch);
      return noContent();
    },
  }),
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
];
