import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { NotFoundError } from '../errors.ts';
import { MethodNotAllowedError } from './http-errors.ts';
import type { AnyRoute } from './route.ts';

export interface RouteMatch {
  route: AnyRoute;
  /** Raw (URL-decoded) path parameters, validated later by the route's schema. */
  params: Record<string, string>;
}

interface Compiled {
  pattern: RegExp;
  names: string[];
  routes: AnyRoute[];
}

/** Matches method + path against the route table; a known path with another method is a 405. */
export class Router {
  private readonly compiled: Compiled[] = [];

  constructor(readonly routes: readonly AnyRoute[]) {
    const byPath = new Map<string, AnyRoute[]>();
    for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
    for (const [path, list] of byPath) {
      const names: string[] = [];
      const source = path
        .split('/')
        .map((segment) => {
          const name = /^\{(\w+)\}$/.exec(segment)?.[1];
          if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        })
        .join('/');
      this.compiled.push({ pattern: new RegExp(`^${source}/?$`), names, routes: list });
    }
  }

  match(method: string, path: string): RouteMatch {
    for (const { pattern, names, routes } of this.compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      const route = routes.find((r) => r.method === method);
      if (!route) {
        const allow = routes.map((r) => r.method);
        throw new MethodNotAllowedError(
          `${method} is not allowed on ${path} (allowed: ${allow.join(', ')})`,
          allow,
        );
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        const raw = found[i + 1] ?? '';
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          params[name] = raw;
        }
      });
      return { route, params };
    }
    throw new NotFoundError(`no route for ${path}`);
  }
}

/** The request path without the stage prefix API Gateway adds for a named stage. */
export function requestPath(event: APIGatewayProxyEventV2WithJWTAuthorizer): string {
  const path = event.rawPath || event.requestContext?.http?.path || '/';
  const stage = event.requestContext?.stage;
  if (stage && stage !== '$default' && (path === `/${stage}` || path.startsWith(`/${stage}/`))) {
    return path.slice(stage.length + 1) || '/';
  }
  return path;
}
