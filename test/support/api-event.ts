import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** JWT claims as API Gateway v2 puts them in the event (groups as the string `[admin]`). */
export type Claims = Record<string, string>;

export const claimsOf = {
  admin: (sub = 'admin-1'): Claims => ({ sub, 'cognito:groups': '[admin]', name: 'Văn phòng UBND' }),
  unitHead: (unitId: string, sub = `head-${unitId}`): Claims => ({
    sub,
    'cognito:groups': '[unit-head]',
    'custom:unitId': unitId,
  }),
};

export interface ApiRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** `null`: no token (no authorizer context at all). */
  claims: Claims | null;
}

/** An API Gateway HTTP API (payload 2.0) event with JWT authorizer claims, as Lambda receives it. */
export function apiEvent(request: ApiRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const query = request.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
  const headers: Record<string, string> = {
    host: 'abc123.execute-api.ap-southeast-1.amazonaws.com',
    'user-agent': 'vitest',
    ...(body !== undefined && typeof request.body !== 'string' ? { 'content-type': 'application/json' } : {}),
    ...(request.claims ? { authorization: 'Bearer eyJ.test.token' } : {}),
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString,
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-southeast-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'vitest',
      },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '24/Apr/2026:03:00:00 +0000',
      timeEpoch: 1777000000000,
      ...(request.claims
        ? {
            authorizer: {
              principalId: '',
              integrationLatency: 0,
              jwt: { claims: request.claims, scopes: null },
            },
          }
        : {}),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}
