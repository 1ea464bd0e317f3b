import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiDependencies } from '#ports/dependencies';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { parseWith } from '../schemas/validation.ts';
import type { Actor } from '../usecases/actor.ts';
import { type ApiEvent, header, RESPONSE_HEADERS } from './middleware.ts';
import type { AnyRoute } from './route.ts';

/** `If-Match: "3"` (or `3`, `W/"3"`) -> 3; `*` or absent -> undefined. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '*' || value.trim() === '') return undefined;
  const digits = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(value)?.[1];
  if (digits === undefined) {
    throw new ValidationError('invalid If-Match', [
      { path: 'If-Match', rule: 'must be the version (ETag) of the item, e.g. "3"' },
    ]);
  }
  return Number(digits);
}

/**
 * The handler's one job after the middlewares: authorize by role, validate path, query and body
 * with the route's schemas (every issue reported at once), call the use case, shape the reply.
 */
export async function dispatch(
  event: ApiEvent,
  deps: ApiDependencies,
  routes: readonly AnyRoute[],
): Promise<APIGatewayProxyStructuredResultV2> {
  const state = event.dondoc;
  if (!state) throw new Error('the route middleware did not run');
  const { route } = state.match;
  if (route.access === 'admin' && state.actor?.role !== 'admin')
    throw new ForbiddenError('administrators only');
  const params = route.params ? parseWith(route.params, state.match.params, 'path', '') : undefined;
  const query = route.query ? parseWith(route.query, event.queryStringParameters ?? {}, 'query') : undefined;
  const body = route.body
    ? parseWith(route.body, state.json === undefined && route.bodyOptional ? {} : state.json, 'body')
    : undefined;
  const ifMatch = route.ifMatch ? parseIfMatch(header(event, 'if-match')) : undefined;
  const reply = await route.handle({
    deps,
    actor: state.actor as Actor,
    params,
    query,
    body,
    ifMatch,
    event,
    routes,
  });
  const headers: Record<string, string> = { ...(reply.headers ?? {}), ...RESPONSE_HEADERS };
  if (reply.binary !== undefined)
    return {
      statusCode: reply.status,
      headers,
      body: reply.binary.toString('base64'),
      isBase64Encoded: true,
    };
  if (reply.text !== undefined) return { statusCode: reply.status, headers, body: reply.text };
  if (reply.body === undefined) return { statusCode: reply.status, headers };
  headers['content-type'] ??= 'application/json; charset=utf-8';
  return { statusCode: reply.status, headers, body: JSON.stringify(reply.body) };
}
