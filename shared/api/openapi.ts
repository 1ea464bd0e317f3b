import * as z from 'zod';
import { errorBodySchema } from '../schemas/api.ts';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};

/** Path or query parameters from an object schema's properties. */
function parameters(schema: z.core.$ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
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

/** Every error status the API answers, as shared responses (each with the Error body). */
const ERROR_RESPONSES = {
  400: ['BadRequest', 'Invalid input: every failing path and rule'],
  401: ['Unauthorized', 'No token, or one the JWT authorizer refuses'],
  403: ['Forbidden', 'Not allowed for this role or unit'],
  404: ['NotFound', 'Not found'],
  405: ['MethodNotAllowed', 'Another method of this path (the `Allow` header lists them)'],
  409: ['Conflict', 'Already exists, or the version moved (send the current one in If-Match)'],
  413: ['PayloadTooLarge', 'Body over the limit'],
  415: ['UnsupportedMediaType', 'Body is not application/json'],
  429: ['TooManyRequests', 'Throttled by API Gateway: retry after a pause'],
  500: [
    'InternalError',
    'Something failed on dondoc’s side; it is logged (nothing of the request is kept half-done)',
  ],
} as const satisfies Record<number, readonly [string, string]>;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

const sharedError = (status: ErrorStatus) => ({
  $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}`,
});

/** The error statuses an operation can answer, from what it takes and who may call it. */
function errorStatuses(route: AnyRoute): ErrorStatus[] {
  const statuses: ErrorStatus[] = [];
  if (route.params || route.query || route.body) statuses.push(400);
  if (route.access !== 'public') statuses.push(401, 403);
  if (route.params) statuses.push(404);
  statuses.push(405);
  if (route.ifMatch) statuses.push(409);
  if (route.body) statuses.push(413, 415);
  statuses.push(429, 500);
  return statuses;
}

function operation(route: AnyRoute, used: Set<ErrorStatus>): JsonSchema {
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
  for (const status of errorStatuses(route)) {
    if (responses[String(status)]) continue;
    responses[String(status)] = sharedError(status);
    used.add(status);
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
  const used = new Set<ErrorStatus>();
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route, used);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dondoc API',
      version: '1',
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'Đôn đốc, nhắc việc: directives, tasks, assignments and their reminders. Lists take `limit` and an opaque `cursor`.',
    },
    servers: [
      {
        url: '/api',
        description: 'Through the console’s CloudFront distribution (same origin as the console)',
      },
      { url: '/', description: 'The API Gateway stage URL (deploy output `ApiUrl`), or the local runtime' },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: schemaOf(errorBodySchema, 'output') },
      responses: Object.fromEntries(
        [...used].sort().map((status) => {
          const [name, description] = ERROR_RESPONSES[status];
          return [name, errorResponse(description)];
        }),
      ),
    },
  };
}
