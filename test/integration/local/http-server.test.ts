import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from '#local/runtime/http-server';
import { loadSecret, signToken, verifyToken } from '#local/runtime/tokens';
import { VirtualClock } from '#local/runtime/virtual-clock';

let server: RunningHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve() {
  const secret = await loadSecret(await mkdtemp(join(tmpdir(), 'dondoc-http-')));
  const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
  server = await startHttpServer({
    port: 0,
    clock: new VirtualClock(new Date('2026-03-02T01:00:00Z')),
    verify: (token) => verifyToken(secret, token),
    handler: async (event) => {
      events.push(event);
      return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    },
  });
  return { secret, events, url: server.url };
}

describe('the local API server', () => {
  it('answers 401 without a token, as the JWT authorizer does', async () => {
    // Prepare
    const { url, events } = await serve();
    // Act
    const response = await fetch(`${url}/units`);
    // Assess
    expect([response.status, await response.json(), events.length]).toEqual([
      401,
      { message: 'Unauthorized' },
      0,
    ]);
  });

  it('allows no other origin: no CORS headers, and a preflight is an unsigned request like any other', async () => {
    // Prepare
    const { url, secret } = await serve();
    const token = await signToken(secret, { role: 'admin' });
    const origin = { origin: 'https://evil.example.com' };
    // Act
    const preflight = await fetch(`${url}/units`, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST' },
    });
    const call = await fetch(`${url}/units`, { headers: { ...origin, authorization: `Bearer ${token}` } });
    // Assess
    expect(preflight.status).toBe(401);
    for (const response of [preflight, call]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('answers 401 for a token signed with another secret', async () => {
    // Prepare
    const { url } = await serve();
    const other = await loadSecret(await mkdtemp(join(tmpdir(), 'dondoc-other-')));
    const token = await signToken(other, { role: 'admin' });
    // Act
    const response = await fetch(`${url}/units`, { headers: { authorization: `Bearer ${token}` } });
    // Assess
    expect(response.status).toBe(401);
  });

  it('lets /health through without a token', async () => {
    // Prepare
    const { url } = await serve();
    // Act
    const response = await fetch(`${url}/health`);
    // Assess
    expect(response.status).toBe(201);
  });

  it('turns a request into a payload 2.0 event with the claims where API Gateway puts them', async () => {
    // Prepare
    const { url, events, secret } = await serve();
    const token = await signToken(secret, { role: 'unit-head', unitId: 'so-noi-vu' });
    // Act
    const response = await fetch(`${url}/assignments/a1/progress?x=1&x=2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ percent: 40 }),
    });
    // Assess
    expect(response.status).toBe(201);
    expect(events[0]).toMatchObject({
      version: '2.0',
      rawPath: '/assignments/a1/progress',
      rawQueryString: 'x=1&x=2',
      queryStringParameters: { x: '1,2' },
      body: '{"percent":40}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/assignments/a1/progress' },
        authorizer: {
          jwt: {
            claims: {
              sub: 'local-head-so-noi-vu',
              'cognito:groups': '[unit-head]',
              'custom:unitId': 'so-noi-vu',
            },
          },
        },
      },
    });
  });
});
