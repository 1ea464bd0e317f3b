import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  AppError,
  BlockedError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.ts';
import { maskContacts } from '../logger.ts';
import type { ErrorBody, ErrorCode } from '../schemas/api.ts';
import type { Actor } from '../usecases/actor.ts';
import { actorFromEvent } from './auth.ts';
import { MethodNotAllowedError } from './http-errors.ts';
import { DEFAULT_BODY_LIMIT } from './route.ts';
import { type RouteMatch, type Router, requestPath } from './router.ts';

/**
 * The middy stack of the API Lambda, written here rather than pulled from @middy/* packages
 * (only @middy/core is installed): route match (404/405), authentication (401), JSON body
 * (413/415/400), and the one error mapper (registered last).
 */

/** What the middlewares learned about the request, for the handler. */
export interface RequestState {
  match: RouteMatch;
  actor?: Actor;
  /** The parsed JSON body (undefined when none was sent). */
  json?: unknown;
}

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer & { dondoc?: RequestState };

/**
 * On every reply the function writes, success or error: replies carry phones and emails, so no
 * browser or proxy may keep a copy, and no browser may guess a content type other than the declared one.
 */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};
type Middleware = MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2>;

export const matchRoute = (router: Router): Middleware => ({
  name: 'match-route',
  before: (request) => {
    const method = request.event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    request.event.dondoc = { match: router.match(method, requestPath(request.event)) };
  },
});

export const authenticate = (): Middleware => ({
  name: 'authenticate',
  before: (request) => {
    const state = request.event.dondoc;
    if (!state || state.match.route.access === 'public') return;
    state.actor = actorFromEvent(request.event);
  },
});

export function header(event: APIGatewayProxyEventV2WithJWTAuthorizer, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;.*)?$/i;

/** Parses the body of routes that take one: size limit first, then content type, then JSON. */
export const jsonBody = (): Middleware => ({
  name: 'json-body',
  before: (request) => {
    const state = request.event.dondoc;
    const route = state?.match.route;
    if (!state || !route?.body) return;
    const { body, isBase64Encoded } = request.event;
    if (body === undefined || body === null || body === '') return;
    const limit = route.bodyLimit ?? DEFAULT_BODY_LIMIT;
    const size = isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body, 'utf8');
    if (size > limit)
      throw new PayloadTooLargeError(`the body is over the limit of ${limit} bytes for ${route.path}`);
    const type = header(request.event, 'content-type');
    if (!type || !JSON_TYPE.test(type)) {
      throw new UnsupportedMediaTypeError(
        `the body must be application/json (got ${type ?? 'no content-type'})`,
      );
    }
    const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
    try {
      state.json = JSON.parse(text);
    } catch (error) {
      throw new ValidationError('the body is not valid JSON', [
        { path: '(body)', rule: `must be valid JSON (${(error as Error).message})` },
      ]);
    }
  },
});

const ERROR_NAMES: Record<number, ErrorCode> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** An unexpected error as logged: an SDK message can quote a phone number or an address (SNS does). */
function masked(error: unknown): { name: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { name: 'unknown', message: maskContacts(String(error)) };
  return {
    name: error.name,
    message: maskContacts(error.message),
    ...(error.stack ? { stack: maskContacts(error.stack) } : {}),
  };
}

/** Turns any error into a JSON reply; what is not an AppError is a bug: logged, and a generic 500. */
export const httpErrorMapper = (logger: Logger): Middleware => ({
  name: 'http-error-mapper',
  onError: (request) => {
    const error = request.error;
    const headers: Record<string, string> = {
      ...RESPONSE_HEADERS,
      'content-type': 'application/json; charset=utf-8',
    };
    let status = 500;
    let body: ErrorBody = {
      error: 'internal',
      message: 'Something went wrong on our side; it has been logged.',
    };
    if (error instanceof AppError && ERROR_NAMES[error.status]) {
      status = error.status;
      body = { error: ERROR_NAMES[error.status] ?? 'internal', message: error.message };
      if (error instanceof ValidationError) body.issues = error.issues;
      if (error instanceof BlockedError) body = { ...body, error: error.code, issues: error.issues };
      if (error instanceof MethodNotAllowedError) headers.allow = error.allow.join(', ');
      if (status === 401) headers['www-authenticate'] = 'Bearer';
      if (error instanceof TooManyRequestsError) headers['retry-after'] = String(error.retryAfterSeconds);
      if (status >= 400 && status !== 404)
        logger.debug('request rejected', { status, error: body.error, message: error.message });
    } else {
      logger.error('unhandled error', { error: masked(error), path: request.event?.rawPath });
    }
    request.response = { statusCode: status, headers, body: JSON.stringify(body) };
  },
});
