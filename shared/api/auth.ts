import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import type { Actor } from '../usecases/actor.ts';

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * `cognito:groups` is an array in the token but arrives in API Gateway v2 JWT claims flattened to
 * a string like `[admin unit-head]`; accept both. Cognito group names cannot hold whitespace, so
 * splitting on it is exact; nothing else is stripped or split, so a group named `x,admin` or
 * `"admin"` is not `admin`.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value !== 'string') return [];
  const text = value.trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/\s+/).filter((g) => g.length > 0);
}

/**
 * The actor of a request, from the JWT authorizer's claims. No claims or no `sub` is 401 (API
 * Gateway rejects those before us; the local runtime and tests must behave the same); a token
 * without a known group, or a unit head without `custom:unitId`, is 403.
 */
export function actorFromEvent(event: APIGatewayProxyEventV2WithJWTAuthorizer): Actor {
  const claims = (event.requestContext?.authorizer?.jwt?.claims ?? undefined) as Claims | undefined;
  const sub = claims?.sub;
  if (claims === undefined || typeof sub !== 'string' || sub.length === 0) {
    throw new UnauthorizedError('a bearer token is required');
  }
  const name = typeof claims.name === 'string' ? claims.name : undefined;
  const groups = parseGroups(claims['cognito:groups']);
  if (groups.includes('admin')) return { sub, role: 'admin', ...(name ? { name } : {}) };
  if (groups.includes('unit-head')) {
    const unitId = claims['custom:unitId'];
    if (typeof unitId !== 'string' || unitId.length === 0) {
      throw new ForbiddenError('a unit head token must carry custom:unitId');
    }
    return { sub, role: 'unit-head', unitId, ...(name ? { name } : {}) };
  }
  throw new ForbiddenError('the token belongs to no dondoc group (admin or unit-head)');
}
