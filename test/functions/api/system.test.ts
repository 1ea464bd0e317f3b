import { beforeEach, describe, expect, it } from 'vitest';
import type { Reminder } from '#schemas/entities';
import { apiRoutes } from '../../../shared/api/routes.ts';
import { type Api, createTask, seedProvince, setupApi } from './harness.ts';

describe('calendar, reports, health and openapi', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('api-system');
  });

  it('adds, lists and removes a calendar override', async () => {
    const added = await api.call({
      method: 'PUT',
      path: '/calendar/overrides',
      body: { date: '2026-09-03', kind: 'off', reason: 'Nghỉ bù Quốc khánh' },
    });
    const listed = await api.call({ method: 'GET', path: '/calendar/overrides', query: { year: '2026' } });
    const removed = await api.call({ method: 'DELETE', path: '/calendar/overrides/2026-09-03' });
    const missing = await api.call({ method: 'DELETE', path: '/calendar/overrides/2026-09-03' });

    expect(added.status).toBe(201);
    expect(listed.json.items).toEqual([{ date: '2026-09-03', kind: 'off', reason: 'Nghỉ bù Quốc khánh' }]);
    expect(removed.status).toBe(204);
    expect(missing.status).toBe(404);
  });

  it('uses an added day off for new deadlines', async () => {
    await seedProvince(api);
    await api.call({
      method: 'POST',
      path: '/calendar/overrides',
      body: { date: '2026-05-15', kind: 'off', reason: 'Nghỉ' },
    });

    const res = await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { title: 'T', due: '2026-05-15', lead: 'so-noi-vu' },
    });

    expect(res.json.assignments[0].dueAt).toBe('2026-05-18T16:59:59.999Z');
  });

  it('reports compliance per unit', async () => {
    await seedProvince(api);
    const [a] = (await createTask(api, 'bc', ['so-noi-vu', 'so-tu-phap'])) as [string];
    await api.call({ method: 'POST', path: `/assignments/${a}/complete` });
    api.clock.now = new Date('2026-05-20T03:00:00Z');

    const res = await api.call({
      method: 'GET',
      path: '/reports/compliance',
      query: { from: '2026-05-01', to: '2026-05-31' },
    });

    expect(res.status).toBe(200);
    expect(res.json.units).toEqual([
      expect.objectContaining({ unitId: 'so-noi-vu', assigned: 1, doneOnTime: 1, overdue: 0, onTimeRate: 1 }),
      expect.objectContaining({
        unitId: 'so-tu-phap',
        assigned: 1,
        doneOnTime: 0,
        overdue: 1,
        onTimeRate: 0,
      }),
    ]);
  });

  it('exports the report as an Excel-friendly CSV: UTF-8 with BOM and Vietnamese headers', async () => {
    await seedProvince(api);
    await createTask(api, 'bc', ['so-noi-vu']);

    const res = await api.call({
      method: 'GET',
      path: '/reports/compliance',
      query: { from: '2026-05-01', to: '2026-05-31', format: 'csv' },
    });

    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.startsWith('\uFEFFMã đơn vị,Đơn vị,Số nhiệm vụ được giao,')).toBe(true);
    expect(res.text.split('\r\n')[1]).toBe('so-noi-vu,Sở Nội vụ,1,0,0,0,1,0,,0,0,0,0,0,0,');
  });

  it('reports per unit what became of the reminders logged in the period, with the main failure reasons', async () => {
    await seedProvince(api);
    const [a] = (await createTask(api, 'bc', ['so-noi-vu'])) as [string];
    const at = '2026-05-12T01:02:00.000Z';
    const record = (key: string, extra: Partial<Reminder>): Reminder => ({
      assignmentId: a,
      key,
      step: 1,
      send: 1,
      channel: 'sms',
      recipient: 'gd',
      unitId: 'so-noi-vu',
      plannedAt: at,
      at,
      outcome: 'sent',
      attempts: 1,
      ...extra,
    });
    const blocked = { status: 'failed' as const, at, detail: 'Phone has blocked SMS', permanent: true };
    const log = [
      record('v1#1#1#sms#so-noi-vu/gd', { delivery: { status: 'delivered', at } }),
      record('v1#1#1#sms#so-noi-vu/cv', { delivery: blocked }),
      record('v1#1#1#sms#so-noi-vu/cv#email-thay-sms', { channel: 'email' }),
      record('v1#1#1#email#so-noi-vu/gd', { channel: 'email' }),
      record('v1#2#1#sms#so-noi-vu/gd', {
        outcome: 'failed',
        detail: 'permanent failure: SNS sms failed: OptedOut',
      }),
      record('v1#3#1#sms#so-noi-vu/gd', { outcome: 'held', at: '2026-06-02T01:00:00.000Z' }),
      record('v1#4#1#sms#so-noi-vu/gd', { at: '2026-06-01T00:00:00.000Z' }), // after the period (local 01/06 07:00)
    ];
    for (const r of log) await api.deps.store.claimReminder(r);

    const res = await api.call({
      method: 'GET',
      path: '/reports/compliance',
      query: { from: '2026-05-01', to: '2026-05-31' },
    });

    expect(res.json.units[0].delivery).toEqual({
      sent: 3,
      sms: 2,
      email: 1,
      delivered: 1,
      failed: 2,
      fellBackToEmail: 1,
      reasons: [
        { reason: 'Phone has blocked SMS', count: 1 },
        { reason: 'SNS sms failed: OptedOut', count: 1 },
      ],
    });
  });

  it('refuses a report range whose start is after its end', async () => {
    const res = await api.call({
      method: 'GET',
      path: '/reports/compliance',
      query: { from: '2026-06-01', to: '2026-05-01' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'from', rule: 'must not be after `to`' }]);
  });

  it('answers health without a token', async () => {
    const res = await api.call({ method: 'GET', path: '/health', claims: null });

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', stage: 'test', time: '2026-04-24T03:00:00.000Z' });
  });

  it('describes every route in openapi.json', async () => {
    const res = await api.call({ method: 'GET', path: '/openapi.json', claims: null });

    expect(res.json.openapi).toBe('3.1.0');
    const described = Object.entries(res.json.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('documents request bodies from the zod schemas', async () => {
    const res = await api.call({ method: 'GET', path: '/openapi.json', claims: null });

    const body =
      res.json.paths['/assignments/{id}/progress'].post.requestBody.content['application/json'].schema;
    expect(body.properties.percent).toMatchObject({ type: 'integer', minimum: 0, maximum: 100 });
    expect(body.required).toEqual(['percent']);
  });
});
