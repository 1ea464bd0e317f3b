import { beforeAll, describe, expect, it } from 'vitest';
import { linkId } from '#domain/link';
import { apiRoutes } from '../../../shared/api/routes.ts';
import { type ApiRequest, type Claims, claimsOf } from '../../support/api-event.ts';
import { type Api, createTask, seedProvince, setupApi } from './harness.ts';

type Request = Omit<ApiRequest, 'claims'>;
type Who = 'admin' | 'own unit head' | 'other unit head' | 'no token';

let n = 0;
/** A fresh assignment of so-noi-vu (the "own" unit), so every request finds it as it was. */
const freshAssignment = async (api: Api) =>
  ((await createTask(api, `m-${++n}`, ['so-noi-vu'])) as [string])[0];
const freshExtension = async (api: Api) => {
  const id = await freshAssignment(api);
  const res = await api.call({
    method: 'POST',
    path: `/assignments/${id}/extensions`,
    body: { newDue: '2026-06-30', reason: 'Chờ số liệu' },
  });
  return { id, eid: res.json.id as string };
};
/** A letter drafted by an administrator for a fresh assignment already overdue (due 01/04, now 24/04). */
const freshLetter = async (api: Api) => {
  const [id] = (await createTask(api, `l-${++n}`, ['so-noi-vu'], '2026-04-01')) as [string];
  const res = await api.call({ method: 'POST', path: '/letters', body: { assignmentIds: [id] } });
  return res.json.id as string;
};
/** A personal link of so-noi-vu's head on a fresh assignment; returns its code. */
const freshLink = async (api: Api) => {
  const id = await freshAssignment(api);
  const res = await api.call({
    method: 'POST',
    path: '/links',
    body: { unitId: 'so-noi-vu', contactId: 'gd', assignmentIds: [id] },
  });
  return { id, code: (res.json.url as string).split('/l/')[1] as string };
};
const freshUnit = async (api: Api) => {
  const id = `u-${++n}`;
  await api.call({
    method: 'POST',
    path: '/units',
    body: { id, name: id, kind: 'agency', parentId: 'ubnd-tinh' },
  });
  return id;
};

/** A valid request for every route, prepared afresh for each caller. */
const cases: Record<string, (api: Api) => Promise<Request>> = {
  'GET /units': async () => ({ method: 'GET', path: '/units' }),
  'POST /units': async () => ({
    method: 'POST',
    path: '/units',
    body: { id: `u-${++n}`, name: 'Sở mới', kind: 'department' },
  }),
  'GET /units/{id}': async () => ({ method: 'GET', path: '/units/so-noi-vu' }),
  'PUT /units/{id}': async (api) => ({
    method: 'PUT',
    path: `/units/${await freshUnit(api)}`,
    body: { name: 'Đổi tên', kind: 'agency', parentId: 'ubnd-tinh' },
  }),
  'DELETE /units/{id}': async (api) => ({ method: 'DELETE', path: `/units/${await freshUnit(api)}` }),
  'GET /units/{id}/contacts': async () => ({ method: 'GET', path: '/units/so-noi-vu/contacts' }),
  'POST /units/{id}/contacts': async () => ({
    method: 'POST',
    path: '/units/so-noi-vu/contacts',
    body: { id: `c-${++n}`, name: 'Lê Thị Bình', role: 'focal', phone: '0987 654 321' },
  }),
  'GET /units/{id}/contacts/{contactId}': async () => ({
    method: 'GET',
    path: '/units/so-noi-vu/contacts/gd',
  }),
  'PUT /units/{id}/contacts/{contactId}': async (api) => {
    const id = `c-${++n}`;
    await api.call({
      method: 'POST',
      path: '/units/so-noi-vu/contacts',
      body: { id, name: 'A', role: 'focal' },
    });
    return { method: 'PUT', path: `/units/so-noi-vu/contacts/${id}`, body: { name: 'B', role: 'focal' } };
  },
  'DELETE /units/{id}/contacts/{contactId}': async (api) => {
    const id = `c-${++n}`;
    await api.call({
      method: 'POST',
      path: '/units/so-noi-vu/contacts',
      body: { id, name: 'A', role: 'focal' },
    });
    return { method: 'DELETE', path: `/units/so-noi-vu/contacts/${id}` };
  },
  'GET /policies': async () => ({ method: 'GET', path: '/policies' }),
  'POST /policies': async () => ({
    method: 'POST',
    path: '/policies',
    body: { name: `p-${++n}`, steps: [{ offset: '-1wd', channels: ['sms'], to: ['unit'] }] },
  }),
  'GET /policies/{name}': async () => ({ method: 'GET', path: '/policies/nhanh' }),
  'PUT /policies/{name}': async () => ({
    method: 'PUT',
    path: '/policies/nhanh',
    body: { name: 'nhanh', steps: [{ offset: '-2wd', channels: ['sms'], to: ['unit'] }] },
  }),
  'DELETE /policies/{name}': async (api) => {
    const name = `p-${++n}`;
    await api.call({
      method: 'POST',
      path: '/policies',
      body: { name, steps: [{ offset: '-1wd', channels: ['sms'], to: ['unit'] }] },
    });
    return { method: 'DELETE', path: `/policies/${name}` };
  },
  'GET /directives': async () => ({ method: 'GET', path: '/directives' }),
  'POST /directives': async () => ({
    method: 'POST',
    path: '/directives',
    body: { number: '1/UBND-VX', issuedOn: '2026-02-01', issuer: 'UBND tỉnh', title: 'Mới' },
  }),
  'GET /directives/{id}': async () => ({ method: 'GET', path: '/directives/276-ubnd-ncpc' }),
  'PUT /directives/{id}': async () => ({
    method: 'PUT',
    path: '/directives/276-ubnd-ncpc',
    body: { number: '276/UBND-NCPC', issuedOn: '2026-01-13', issuer: 'UBND tỉnh', title: 'T' },
  }),
  'DELETE /directives/{id}': async (api) => {
    const res = await api.call({
      method: 'POST',
      path: '/directives',
      body: { number: '2/UBND', issuedOn: '2026-02-01', issuer: 'UBND tỉnh', title: 'X' },
    });
    return { method: 'DELETE', path: `/directives/${res.json.id}` };
  },
  'GET /directives/{id}/tasks': async () => ({ method: 'GET', path: '/directives/276-ubnd-ncpc/tasks' }),
  'POST /directives/{id}/tasks': async () => ({
    method: 'POST',
    path: '/directives/276-ubnd-ncpc/tasks',
    body: { title: 'T', due: '2026-05-15', lead: 'so-tu-phap' },
  }),
  'GET /directives/{id}/tasks/{taskId}': async (api) => {
    await createTask(api, `g-${++n}`, ['so-tu-phap']);
    return { method: 'GET', path: `/directives/276-ubnd-ncpc/tasks/g-${n}` };
  },
  'PUT /directives/{id}/tasks/{taskId}': async (api) => {
    await createTask(api, `e-${++n}`, ['so-tu-phap']);
    return {
      method: 'PUT',
      path: `/directives/276-ubnd-ncpc/tasks/e-${n}`,
      body: { title: 'Sửa', due: '2026-05-20', lead: 'so-tu-phap' },
    };
  },
  'DELETE /directives/{id}/tasks/{taskId}': async (api) => {
    await createTask(api, `d-${++n}`, ['so-tu-phap']);
    return { method: 'DELETE', path: `/directives/276-ubnd-ncpc/tasks/d-${n}` };
  },
  'GET /assignments': async () => ({ method: 'GET', path: '/assignments' }),
  'GET /assignments/{id}': async (api) => ({
    method: 'GET',
    path: `/assignments/${await freshAssignment(api)}`,
  }),
  'POST /assignments/{id}/progress': async (api) => ({
    method: 'POST',
    path: `/assignments/${await freshAssignment(api)}/progress`,
    body: { percent: 30 },
  }),
  'POST /assignments/{id}/acknowledge': async (api) => ({
    method: 'POST',
    path: `/assignments/${await freshAssignment(api)}/acknowledge`,
  }),
  'POST /assignments/{id}/complete': async (api) => ({
    method: 'POST',
    path: `/assignments/${await freshAssignment(api)}/complete`,
  }),
  'POST /assignments/{id}/extensions': async (api) => ({
    method: 'POST',
    path: `/assignments/${await freshAssignment(api)}/extensions`,
    body: { newDue: '2026-06-30', reason: 'Chờ' },
  }),
  'POST /assignments/{id}/extensions/{eid}/approve': async (api) => {
    const { id, eid } = await freshExtension(api);
    return { method: 'POST', path: `/assignments/${id}/extensions/${eid}/approve` };
  },
  'POST /assignments/{id}/extensions/{eid}/reject': async (api) => {
    const { id, eid } = await freshExtension(api);
    return { method: 'POST', path: `/assignments/${id}/extensions/${eid}/reject` };
  },
  'GET /reminders': async (api) => ({
    method: 'GET',
    path: '/reminders',
    query: { assignment: await freshAssignment(api) },
  }),
  'GET /calendar/overrides': async () => ({ method: 'GET', path: '/calendar/overrides' }),
  'PUT /calendar/overrides': async () => ({
    method: 'PUT',
    path: '/calendar/overrides',
    body: { date: '2026-12-31', kind: 'off', reason: 'Nghỉ' },
  }),
  'POST /calendar/overrides': async () => ({
    method: 'POST',
    path: '/calendar/overrides',
    body: { date: '2026-12-30', kind: 'off', reason: 'Nghỉ' },
  }),
  'DELETE /calendar/overrides/{date}': async (api) => {
    await api.call({
      method: 'PUT',
      path: '/calendar/overrides',
      body: { date: '2026-12-29', kind: 'off', reason: 'Nghỉ' },
    });
    return { method: 'DELETE', path: '/calendar/overrides/2026-12-29' };
  },
  'GET /reports/compliance': async () => ({
    method: 'GET',
    path: '/reports/compliance',
    query: { from: '2026-01-01', to: '2026-12-31' },
  }),
  'POST /import': async () => ({
    method: 'POST',
    path: '/import',
    query: { mode: 'upsert' },
    body: { units: [{ id: 'so-y-te', name: 'Sở Y tế', kind: 'department', parentId: 'ubnd-tinh' }] },
  }),
  'POST /letters': async (api) => {
    const [id] = (await createTask(api, `l-${++n}`, ['so-noi-vu'], '2026-04-01')) as [string];
    return { method: 'POST', path: '/letters', body: { assignmentIds: [id] } };
  },
  'GET /letters': async () => ({ method: 'GET', path: '/letters' }),
  'GET /letters/{id}': async (api) => ({ method: 'GET', path: `/letters/${await freshLetter(api)}` }),
  'GET /letters/{id}/docx': async (api) => ({
    method: 'GET',
    path: `/letters/${await freshLetter(api)}/docx`,
  }),
  'GET /l/{code}': async (api) => ({ method: 'GET', path: `/l/${(await freshLink(api)).code}` }),
  'POST /l/{code}': async (api) => {
    const { id, code } = await freshLink(api);
    return {
      method: 'POST',
      path: `/l/${code}`,
      body: `item=${id}&action=acknowledge`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  },
  'GET /l/{code}/data': async (api) => ({ method: 'GET', path: `/l/${(await freshLink(api)).code}/data` }),
  'POST /l/{code}/items/{id}/acknowledge': async (api) => {
    const { id, code } = await freshLink(api);
    return { method: 'POST', path: `/l/${code}/items/${id}/acknowledge` };
  },
  'POST /l/{code}/items/{id}/progress': async (api) => {
    const { id, code } = await freshLink(api);
    return { method: 'POST', path: `/l/${code}/items/${id}/progress`, body: { percent: 10 } };
  },
  'POST /l/{code}/items/{id}/complete': async (api) => {
    const { id, code } = await freshLink(api);
    return { method: 'POST', path: `/l/${code}/items/${id}/complete` };
  },
  'POST /links': async (api) => ({
    method: 'POST',
    path: '/links',
    body: { unitId: 'so-noi-vu', contactId: 'gd', assignmentIds: [await freshAssignment(api)] },
  }),
  'GET /units/{id}/contacts/{contactId}/links': async () => ({
    method: 'GET',
    path: '/units/so-noi-vu/contacts/gd/links',
  }),
  'DELETE /links/{id}': async (api) => {
    const { code } = await freshLink(api);
    return { method: 'DELETE', path: `/links/${linkId(code)}` };
  },
  'GET /health': async () => ({ method: 'GET', path: '/health' }),
  'GET /openapi.json': async () => ({ method: 'GET', path: '/openapi.json' }),
};

const callers: Record<Who, Claims | null> = {
  admin: claimsOf.admin(),
  'own unit head': claimsOf.unitHead('so-noi-vu'),
  'other unit head': claimsOf.unitHead('so-tu-phap'),
  'no token': null,
};

/** What each caller gets: a unit head acts on its own unit's assignments only; listing is scoped, not refused. */
function expected(access: string, key: string, who: Who): 'ok' | 401 | 403 {
  if (access === 'public') return 'ok';
  if (who === 'no token') return 401;
  if (who === 'admin') return 'ok';
  if (access === 'admin') return 403;
  if (who === 'other unit head' && key !== 'GET /assignments') return 403;
  return 'ok';
}

describe('authorization matrix', () => {
  let api: Api;
  beforeAll(async () => {
    api = await setupApi('api-matrix');
    api.deps.settings.linkBase = 'https://dondoc.example';
    await seedProvince(api);
    await api.call({
      method: 'POST',
      path: '/units/so-noi-vu/contacts',
      body: { id: 'gd', name: 'Nguyễn Văn An', role: 'head' },
    });
    await api.call({
      method: 'POST',
      path: '/policies',
      body: { name: 'nhanh', steps: [{ offset: '-1wd', channels: ['sms'], to: ['unit'] }] },
    });
    await createTask(api, 'khac', ['so-tu-phap']);
  });

  it('has a case for every route', () => {
    expect(Object.keys(cases).sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  const rows = apiRoutes.flatMap((r) =>
    (Object.keys(callers) as Who[]).map((who) => ({
      key: `${r.method} ${r.path}`,
      who,
      want: expected(r.access, `${r.method} ${r.path}`, who),
    })),
  );
  it.each(rows)('$key as $who -> $want', async ({ key, who, want }) => {
    const request = await (cases[key] as (api: Api) => Promise<Request>)(api);

    const res = await api.call({ ...request, claims: callers[who] });

    // The link page's form answers with a redirect back to the page (post/redirect/get).
    const ok = key === 'POST /l/{code}' ? 400 : 300;
    if (want === 'ok') expect(res.status, res.text).toBeLessThan(ok);
    else expect(res.status, res.text).toBe(want);
    if (key === 'GET /assignments' && who !== 'admin' && who !== 'no token') {
      const unit = who === 'own unit head' ? 'so-noi-vu' : 'so-tu-phap';
      expect(res.json.items.every((a: { unitId: string }) => a.unitId === unit)).toBe(true);
    }
  });
});
