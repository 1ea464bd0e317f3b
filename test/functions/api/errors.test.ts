import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../../functions/api/http.ts';
import type { Store } from '../../../shared/ports/store.ts';
import { apiEvent, claimsOf } from '../../support/api-event.ts';
import { type Api, seedProvince, setupApi } from './harness.ts';

describe('errors', () => {
  let api: Api;
  beforeAll(async () => {
    api = await setupApi('api-errors');
    await seedProvince(api);
  });

  it('answers 401 without a token, asking for a bearer token', async () => {
    const res = await api.call({ method: 'GET', path: '/units', claims: null });

    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json.error).toBe('unauthorized');
  });

  it('accepts cognito:groups as an array as well as the "[admin]" string', async () => {
    const res = await api.call({
      method: 'GET',
      path: '/units',
      claims: { sub: 'a', 'cognito:groups': ['admin'] } as never,
    });

    expect(res.status).toBe(200);
  });

  it('answers 403 to a token of no dondoc group', async () => {
    const res = await api.call({
      method: 'GET',
      path: '/assignments',
      claims: { sub: 'x', 'cognito:groups': '[guest]' },
    });

    expect(res.status).toBe(403);
  });

  it('answers 404 for an unknown path', async () => {
    const res = await api.call({ method: 'GET', path: '/khong-co' });

    expect(res.status).toBe(404);
    expect(res.json.error).toBe('not-found');
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const res = await api.call({ method: 'PATCH', path: '/units/so-noi-vu' });

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, PUT, DELETE');
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/units',
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(res.status).toBe(415);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/units',
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('(body)');
  });

  it('answers 413 over the 1 MB body limit', async () => {
    const res = await api.call({ method: 'POST', path: '/units', body: { name: 'x'.repeat(1024 * 1024) } });

    expect(res.status).toBe(413);
  });

  it('lists every failing field with its rule', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/units',
      body: { id: 'bad id!', kind: 'ministry', extra: 1 },
    });

    expect(res.status).toBe(400);
    expect(res.json.error).toBe('validation');
    expect(res.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'extra',
      'id',
      'kind',
      'name',
    ]);
  });

  it('refuses a malformed If-Match with 400', async () => {
    const res = await api.call({
      method: 'DELETE',
      path: '/units/so-noi-vu',
      headers: { 'if-match': 'yesterday' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'If-Match', rule: expect.any(String) }]);
  });

  it('answers an unexpected failure with a logged, generic 500', async () => {
    const broken = new Proxy({} as Store, {
      get: () => () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:443 secret-table')),
    });
    const error = vi.spyOn(api.logger, 'error');
    const handler = createHandler({ ...api.deps, store: broken }, { logger: api.logger });

    const res = await handler(
      apiEvent({ method: 'GET', path: '/units', claims: claimsOf.admin() }),
      {} as Context,
    );

    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body ?? '')).toEqual({
      error: 'internal',
      message: expect.not.stringContaining('ECONNREFUSED'),
    });
    expect(error).toHaveBeenCalledOnce();
  });

  it('masks phone numbers and addresses in the log of an unexpected failure', async () => {
    const broken = new Proxy({} as Store, {
      get: () => () =>
        Promise.reject(new Error('Invalid parameter: PhoneNumber +84912345678 or a.nguyen@sonoivu.gov.vn')),
    });
    const error = vi.spyOn(api.logger, 'error');
    error.mockClear();
    const handler = createHandler({ ...api.deps, store: broken }, { logger: api.logger });

    await handler(apiEvent({ method: 'GET', path: '/units', claims: claimsOf.admin() }), {} as Context);

    const logged = JSON.stringify(error.mock.calls);
    expect(logged).not.toContain('+84912345678');
    expect(logged).not.toContain('a.nguyen@');
    expect(logged).toContain('+84******678');
  });
});
