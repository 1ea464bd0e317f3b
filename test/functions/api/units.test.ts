import { beforeEach, describe, expect, it } from 'vitest';
import { claimsOf } from '../../support/api-event.ts';
import { type Api, seedProvince, setupApi } from './harness.ts';

describe('units', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('api-units');
    await seedProvince(api);
  });

  it('creates a unit and returns it with its version as ETag', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/units',
      body: { id: 'xa-nam-mau', name: 'UBND xã Nam Mẫu', kind: 'commune', parentId: 'ubnd-ba-be' },
    });

    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: 'xa-nam-mau', kind: 'commune', parentId: 'ubnd-ba-be', version: 1 });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe('/units/xa-nam-mau');
  });

  it('refuses an existing id with 409', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/units',
      body: { id: 'so-noi-vu', name: 'Trùng', kind: 'department' },
    });

    expect(res.status).toBe(409);
    expect(res.json.error).toBe('conflict');
  });

  it('refuses an unknown parent with 400 naming parentId', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/units',
      body: { id: 'x', name: 'X', kind: 'agency', parentId: 'khong-co' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'parentId', rule: 'unknown unit "khong-co"' }]);
  });

  it('refuses a parent change that would make a cycle', async () => {
    await api.call({
      method: 'POST',
      path: '/units',
      body: { id: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'ubnd-ba-be' },
    });

    const res = await api.call({
      method: 'PUT',
      path: '/units/ubnd-ba-be',
      body: { name: 'UBND huyện Ba Bể', kind: 'district', parentId: 'xa-a' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('parentId');
  });

  it('updates with a matching If-Match and refuses a stale one with 409', async () => {
    const body = { name: 'Sở Nội vụ tỉnh Bắc Kạn', kind: 'department', parentId: 'ubnd-tinh' };
    const first = await api.call({
      method: 'PUT',
      path: '/units/so-noi-vu',
      body,
      headers: { 'if-match': '"1"' },
    });

    const stale = await api.call({
      method: 'PUT',
      path: '/units/so-noi-vu',
      body,
      headers: { 'if-match': '"1"' },
    });

    expect(first.status).toBe(200);
    expect(first.json.version).toBe(2);
    expect(stale.status).toBe(409);
  });

  it('lists units a page at a time with an opaque cursor', async () => {
    const first = await api.call({ method: 'GET', path: '/units', query: { limit: '3' } });
    const second = await api.call({
      method: 'GET',
      path: '/units',
      query: { limit: '3', cursor: first.json.cursor },
    });

    const ids = [...first.json.items, ...second.json.items].map((u: { id: string }) => u.id).sort();
    expect(first.json.items).toHaveLength(3);
    expect(ids).toEqual(['so-noi-vu', 'so-tu-phap', 'ubnd-ba-be', 'ubnd-tinh']);
    expect(second.json.cursor).toBeUndefined();
  });

  it('deletes a leaf unit and refuses one that has children', async () => {
    const leaf = await api.call({ method: 'DELETE', path: '/units/so-tu-phap' });
    const parent = await api.call({ method: 'DELETE', path: '/units/ubnd-tinh' });

    expect(leaf.status).toBe(204);
    expect((await api.call({ method: 'GET', path: '/units/so-tu-phap' })).status).toBe(404);
    expect(parent.status).toBe(409);
  });

  it('is for administrators only', async () => {
    const res = await api.call({ method: 'GET', path: '/units', claims: claimsOf.unitHead('so-noi-vu') });

    expect(res.status).toBe(403);
  });
});
