import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type * as z from 'zod';
import type { ApiDependencies } from '#ports/dependencies';
import type { Actor } from '../usecases/actor.ts';

/**
 * One row of the route table: how a request is matched, who may call it, what it takes (zod
 * schemas, also the source of /openapi.json) and which use case answers it.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `public`: no token; `admin`: administrators; `unit`: administrators and unit heads (own unit checked by the use case). */
export type Access = 'public' | 'admin' | 'unit';

export interface Reply {
  status: number;
  /** JSON-serialised unless `text` is given. */
  body?: unknown;
  /** A non-JSON body (CSV); `headers` then carries its content-type. */
  text?: string;
  /** A binary body (a DOCX), sent base64-encoded as API Gateway expects; `headers` carries its type. */
  binary?: Buffer;
  headers?: Record<string, string>;
}

export interface ResponseSpec {
  status: number;
  description: string;
  schema?: z.core.$ZodType;
  /** Another media type this response may have (e.g. `text/csv`). */
  alternative?: { contentType: string; description: string };
}

export interface RouteContext<P, Q, B> {
  deps: ApiDependencies;
  /** Absent on public routes only. */
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  /** The version from `If-Match`, when sent. */
  ifMatch: number | undefined;
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  routes: readonly AnyRoute[];
}

export interface Route<P extends z.core.$ZodType, Q extends z.core.$ZodType, B extends z.core.$ZodType> {
  method: Method;
  /** OpenAPI template, e.g. `/units/{id}/contacts/{contactId}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The body as documented, when `body` only lets it through to a use case that validates it (import). */
  describeBody?: z.core.$ZodType;
  /** A body may be left out entirely (then `{}` is validated). */
  bodyOptional?: boolean;
  /** Bytes; 1 MB unless set. */
  bodyLimit?: number;
  /** Takes `If-Match: <version>` (optimistic locking). */
  ifMatch?: boolean;
  responses: ResponseSpec[];
  handle: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply>;
}

// biome-ignore lint/suspicious/noExplicitAny: a route table holds routes of every schema; Route is invariant in them
export type AnyRoute = Route<any, any, any>;

/** Declares a route with its handler's types inferred from its schemas. */
export const route = <
  P extends z.core.$ZodType = z.ZodUndefined,
  Q extends z.core.$ZodType = z.ZodUndefined,
  B extends z.core.$ZodType = z.ZodUndefined,
>(
  spec: Route<P, Q, B>,
): AnyRoute => spec as AnyRoute;

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

/** A single stored entity, with its version as the ETag (send it back as `If-Match`). */
export const entity = (
  status: number,
  value: { version: number },
  headers: Record<string, string> = {},
): Reply => json(status, value, { ...headers, etag: `"${value.version}"` });

export const noContent = (): Reply => ({ status: 204 });
