import {
  pageOf,
  pageQuerySchema,
  policyBodySchema,
  policyParamsSchema,
  storedPolicySchema,
} from '../../schemas/api.ts';
import { createPolicy, deletePolicy, replacePolicy } from '../../usecases/admin/policies.ts';
import { found } from '../../usecases/common.ts';
import { pageOfList } from '../pagination.ts';
import { type AnyRoute, entity, json, noContent, route } from '../route.ts';

const conflict = { status: 409, description: 'The name exists, or the version moved' };

/** Reminder policies (chính sách nhắc việc). */
export const policyRoutes: AnyRoute[] = [
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
    summary:
      'Replace a reminder policy; every open assignment that uses it is replanned at once (a new step planned earlier today is caught up, one of an earlier day is not sent late)',
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
    responses: [
      { status: 204, description: 'Deleted' },
      {
        status: 409,
        description: 'The version moved, or tasks still use it (`in-use`, the issue says how many)',
      },
    ],
    handle: async ({ deps, params, ifMatch }) => {
      await deletePolicy(deps, params.name, ifMatch);
      return noContent();
    },
  }),
];
