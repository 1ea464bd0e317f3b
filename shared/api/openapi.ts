import * as z from 'zod';
import { errorBodySchema } from '../schemas/api.ts';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};

/** Path or query parameters from an object schema's properties. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operation(route: AnyRoute): JsonSchema {
  const responses: Record<string, unknown> = {};
  for (const r of route.responses) {
    if (r.status >= 400) {
      responses[String(r.status)] = errorResponse(r.description);
      continue;
    }
    const content: Record<string, unknown> = {};
    if (r.schema) content['application/json'] = { schema: schemaOf(r.schema, 'output') };
    if (r.alternative)
      content[r.alternative.contentType] = {
        schema: { type: 'string', description: r.alternative.description },
      };
    responses[String(r.status)] = {
      description: r.description,
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  if (route.params || route.query || route.body)
    responses['400'] ??= errorResponse('Invalid input: every failing path and rule');
  if (route.access !== 'public') {
    responses['401'] ??= errorResponse('No or bad token');
    responses['403'] ??= errorResponse('Not allowed for this role or unit');
  }
  if (route.params) responses['404'] ??= errorResponse('Not found');
  if (route.body) {
    responses['413'] ??= errorResponse('Body over the limit');
    responses['415'] ??= errorResponse('Body is not application/json');
  }
  const body = route.describeBody ?? route.body;
  const headers = route.ifMatch
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: 'The version (ETag) last read; 409 if it moved',
        },
      ]
    : [];
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public' ? { security: [] } : {}),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...headers],
    ...(body
      ? {
          requestBody: {
            required: !route.bodyOptional,
            content: { 'application/json': { schema: schemaOf(body, 'input') } },
          },
        }
      : {}),
    responses,
    'x-dondoc-access': route.access,
  };
}

/** OpenAPI 3.1 of the route table: the zod schemas that validate requests are the ones described. */
export function openApiDocument(routes: readonly AnyRoute[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dondoc API',
      version: '1',
      description:
        'Đôn đốc, nhắc việc: directives, tasks, assignments and their reminders. Lists take `limit` and an opaque `cursor`.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: schemaOf(errorBodySchema, 'output') },
    },
  };
}
