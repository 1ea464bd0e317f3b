import {
  directiveBodySchema,
  directiveCreateSchema,
  directiveSchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
} from '../../schemas/api.ts';
import { createDirective, deleteDirective, updateDirective } from '../../usecases/admin/directives.ts';
import { found } from '../../usecases/common.ts';
import { storePage, wrapPage } from '../pagination.ts';
import { type AnyRoute, entity, json, noContent, route } from '../route.ts';

const conflict = { status: 409, description: 'The id exists, or the version moved, or it is still in use' };

/** Directives (văn bản chỉ đạo); their tasks are in tasks.ts. */
export const directiveRoutes: AnyRoute[] = [
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
];
