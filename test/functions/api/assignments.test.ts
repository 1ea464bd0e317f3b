import { beforeEach, describe, expect, it, vi } from 'vitest';
import { claimsOf } from '../../support/api-event.ts';
import { type Api, createTask, seedProvince, setupApi } from './harness.ts';

const noiVu = claimsOf.unitHead('so-noi-vu');

describe('assignments', () => {
  let api: Api;
  let id: string;
  beforeEach(async () => {
    api = await setupApi('api-assignments');
    await seedProvince(api);
    [id] = (await createTask(api, 'bc', ['so-noi-vu', 'so-tu-phap'])) as [string];
  });

  it('shows an assignment with its computed status, progress history and extensions', async () => {
    const res = await api.call({ method: 'GET', path: `/assignments/${id}`, claims: noiVu });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, status: 'on-track', progressHistory: [], extensions: [] });
    expect(typeof res.json.reason).toBe('string');
  });

  it("scopes a unit head's list to its own unit", async () => {
    const res = await api.call({ method: 'GET', path: '/assignments', claims: noiVu });

    expect(res.json.items.map((a: { unitId: string }) => a.unitId)).toEqual(['so-noi-vu']);
  });

  it('filters by computed status', async () => {
    api.clock.now = new Date('2026-05-20T03:00:00Z');

    const overdue = await api.call({ method: 'GET', path: '/assignments', query: { status: 'overdue' } });
    const onTrack = await api.call({ method: 'GET', path: '/assignments', query: { status: 'on-track' } });

    expect(overdue.json.items).toHaveLength(2);
    expect(onTrack.json.items).toHaveLength(0);
  });

  it('records progress and keeps its history', async () => {
    const res = await api.call({
      method: 'POST',
      path: `/assignments/${id}/progress`,
      body: { percent: 40, note: 'Đã xong dự thảo' },
      claims: noiVu,
    });
    const detail = await api.call({ method: 'GET', path: `/assignments/${id}` });

    expect(res.status).toBe(201);
    expect(detail.json).toMatchObject({ progress: 40, lastProgressAt: '2026-04-24T03:00:00.000Z' });
    expect(detail.json.progressHistory).toEqual([
      {
        assignmentId: id,
        at: '2026-04-24T03:00:00.000Z',
        percent: 40,
        note: 'Đã xong dự thảo',
        by: 'head-so-noi-vu',
      },
    ]);
  });

  it('acknowledges once and keeps the first time', async () => {
    await api.call({ method: 'POST', path: `/assignments/${id}/acknowledge`, claims: noiVu });
    api.clock.now = new Date('2026-04-25T03:00:00Z');

    const again = await api.call({ method: 'POST', path: `/assignments/${id}/acknowledge`, claims: noiVu });

    expect(again.status).toBe(200);
    expect(again.json.acknowledgedAt).toBe('2026-04-24T03:00:00.000Z');
  });

  it('completes an assignment, bumping its plan version, and refuses further progress with 409', async () => {
    const done = await api.call({ method: 'POST', path: `/assignments/${id}/complete`, claims: noiVu });

    const late = await api.call({
      method: 'POST',
      path: `/assignments/${id}/progress`,
      body: { percent: 50 },
      claims: noiVu,
    });

    expect(done.json).toMatchObject({
      state: 'done',
      progress: 100,
      planVersion: 2,
      completedAt: '2026-04-24T03:00:00.000Z',
    });
    expect(late.status).toBe(409);
  });

  it('moves the deadline on an approved extension, keeping the original and bumping the plan version', async () => {
    const asked = await api.call({
      method: 'POST',
      path: `/assignments/${id}/extensions`,
      body: { newDue: '2026-05-29', reason: 'Chờ số liệu' },
      claims: noiVu,
    });

    const approved = await api.call({
      method: 'POST',
      path: `/assignments/${id}/extensions/${asked.json.id}/approve`,
    });

    expect(asked.status).toBe(201);
    expect(approved.status).toBe(200);
    expect(approved.json.extension).toMatchObject({ state: 'approved', decidedBy: 'admin-1' });
    expect(approved.json.assignment).toMatchObject({
      dueAt: '2026-05-29T16:59:59.999Z',
      originalDueAt: '2026-05-15T16:59:59.999Z',
      planVersion: 2,
    });
  });

  it('rejects an extension without moving the deadline, and refuses a second decision', async () => {
    const asked = await api.call({
      method: 'POST',
      path: `/assignments/${id}/extensions`,
      body: { newDue: '2026-05-29', reason: 'x' },
      claims: noiVu,
    });

    const rejected = await api.call({
      method: 'POST',
      path: `/assignments/${id}/extensions/${asked.json.id}/reject`,
    });
    const again = await api.call({
      method: 'POST',
      path: `/assignments/${id}/extensions/${asked.json.id}/approve`,
    });

    expect(rejected.json.assignment.dueAt).toBe('2026-05-15T16:59:59.999Z');
    expect(again.status).toBe(409);
  });

  it('refuses an extension that is not later than the current deadline', async () => {
    const res = await api.call({
      method: 'POST',
      path: `/assignments/${id}/extensions`,
      body: { newDue: '2026-05-01', reason: 'x' },
      claims: noiVu,
    });

    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('newDue');
  });

  it('refuses a stale If-Match on an action', async () => {
    const res = await api.call({
      method: 'POST',
      path: `/assignments/${id}/progress`,
      body: { percent: 10 },
      headers: { 'if-match': '"7"' },
    });

    expect(res.status).toBe(409);
  });

  describe('when the engine moves the assignment between the read and the write', () => {
    /** The dispatcher moves the next check (and `version`) right after the action's read. */
    const raceOnce = () => {
      const store = api.deps.store;
      const read = store.getAssignment.bind(store);
      vi.spyOn(store, 'getAssignment').mockImplementationOnce(async (assignmentId) => {
        const a = await read(assignmentId);
        if (!a) throw new Error('seeded assignment missing');
        const moved = { ...a, version: a.version + 1, nextCheckAt: '2026-04-27T01:00:00.000Z' };
        await store.write([{ op: 'put', entity: { kind: 'assignment', value: moved }, expect: a.version }]);
        return a;
      });
    };

    it('records the report on a fresh read when no If-Match was sent (a tap on a reminder link)', async () => {
      const before = await api.call({ method: 'GET', path: `/assignments/${id}`, claims: noiVu });
      raceOnce();

      const res = await api.call({
        method: 'POST',
        path: `/assignments/${id}/progress`,
        body: { percent: 30 },
        claims: noiVu,
      });
      const after = await api.call({ method: 'GET', path: `/assignments/${id}`, claims: noiVu });

      expect(res.status).toBe(201);
      expect(after.json).toMatchObject({ progress: 30, version: before.json.version + 2 });
      expect(after.json.progressHistory).toHaveLength(1);
    });

    it('still refuses with 409 when the caller sent If-Match', async () => {
      const before = await api.call({ method: 'GET', path: `/assignments/${id}`, claims: noiVu });
      raceOnce();

      const res = await api.call({
        method: 'POST',
        path: `/assignments/${id}/acknowledge`,
        headers: { 'if-match': `"${before.json.version}"` },
        claims: noiVu,
      });

      expect(res.status).toBe(409);
    });
  });

  it("lists an assignment's reminder log", async () => {
    await api.deps.store.claimReminder({
      assignmentId: id,
      key: '0#1#sms#gd',
      step: 0,
      send: 1,
      channel: 'sms',
      recipient: 'gd',
      unitId: 'so-noi-vu',
      plannedAt: '2026-05-12T01:00:00.000Z',
      at: '2026-05-12T01:00:00.000Z',
      outcome: 'sent',
      attempts: 1,
    });

    const res = await api.call({
      method: 'GET',
      path: '/reminders',
      query: { assignment: id },
      claims: noiVu,
    });

    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([expect.objectContaining({ key: '0#1#sms#gd', outcome: 'sent' })]);
  });
});
