import { beforeEach, describe, expect, it } from 'vitest';
import { type Api, createTask, seedProvince, setupApi } from './harness.ts';

const TASK = '/directives/276-ubnd-ncpc/tasks/bc';
const body = {
  title: 'Báo cáo sơ kết',
  due: '2026-05-15',
  lead: ['so-noi-vu', 'so-tu-phap'],
};

describe('changing and deleting a task', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('api-task-edits');
    await seedProvince(api);
    await createTask(api, 'bc', body.lead);
  });

  const put = (changes: object, ifMatch = '"1"') =>
    api.call({ method: 'PUT', path: TASK, body: { ...body, ...changes }, headers: { 'if-match': ifMatch } });
  const report = (unit: string) =>
    api.call({
      method: 'POST',
      path: `/assignments/bc.${unit}/progress`,
      body: { percent: 40, note: 'Đang làm' },
    });

  it('reads a task with its assignments and its version as the ETag', async () => {
    const res = await api.call({ method: 'GET', path: TASK });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json.assignments.map((a: { id: string }) => a.id).sort()).toEqual([
      'bc.so-noi-vu',
      'bc.so-tu-phap',
    ]);
  });

  it('moves every open assignment to the new deadline and title', async () => {
    const res = await put({ title: 'Báo cáo tổng kết', due: '2026-06-15' });

    const stored = await api.deps.store.getAssignment('bc.so-noi-vu');
    expect(res.status).toBe(200);
    expect(res.json.task).toMatchObject({ title: 'Báo cáo tổng kết', version: 2 });
    expect(stored).toMatchObject({
      title: 'Báo cáo tổng kết',
      dueAt: '2026-06-15T16:59:59.999Z',
      originalDueAt: '2026-06-15T16:59:59.999Z',
      version: 2,
    });
  });

  it('creates the assignment of a unit added and deletes that of a unit taken off nobody acted on', async () => {
    const res = await put({ lead: ['so-noi-vu', 'ubnd-ba-be'] });

    const ids = (await api.deps.store.listAssignmentsOfTask('bc')).map((a) => a.id).sort();
    expect(res.status).toBe(200);
    expect(ids).toEqual(['bc.so-noi-vu', 'bc.ubnd-ba-be']);
  });

  it('refuses to take off a unit that reported on its assignment, naming it, and writes nothing', async () => {
    await report('so-tu-phap');
    const before = await api.countItems();

    const res = await put({ title: 'Đổi tên', lead: ['so-noi-vu'] });

    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({
      error: 'has-reports',
      issues: [{ path: 'lead', rule: expect.stringMatching(/^unit "so-tu-phap" has already acted on/) }],
    });
    expect(await api.countItems()).toBe(before);
    expect(await api.deps.store.getTask('276-ubnd-ncpc', 'bc')).toMatchObject({
      title: 'Báo cáo bc',
      version: 1,
    });
  });

  it('refuses to take off a unit that asked for an extension', async () => {
    await api.call({
      method: 'POST',
      path: '/assignments/bc.so-tu-phap/extensions',
      body: { newDue: '2026-06-30', reason: 'Chờ số liệu' },
    });

    const res = await put({ lead: ['so-noi-vu'] });

    expect(res.status).toBe(409);
    expect(res.json.error).toBe('has-reports');
  });

  it('keeps an approved extension that runs past the new deadline', async () => {
    const asked = await api.call({
      method: 'POST',
      path: '/assignments/bc.so-noi-vu/extensions',
      body: { newDue: '2026-06-30', reason: 'Chờ số liệu của các huyện' },
    });
    await api.call({ method: 'POST', path: `/assignments/bc.so-noi-vu/extensions/${asked.json.id}/approve` });

    await put({ due: '2026-05-29' });

    expect(await api.deps.store.getAssignment('bc.so-noi-vu')).toMatchObject({
      dueAt: '2026-06-30T16:59:59.999Z',
      originalDueAt: '2026-05-29T16:59:59.999Z',
    });
    expect(await api.deps.store.getAssignment('bc.so-tu-phap')).toMatchObject({
      dueAt: '2026-05-29T16:59:59.999Z',
    });
  });

  it('moves a monthly report to another day from now on, leaving the months already due as they were', async () => {
    const monthly = { title: 'Báo cáo tháng', due: '2026-01-15', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15' };
    await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { ...monthly, id: 'thang', lead: 'so-noi-vu' },
    });

    const res = await api.call({
      method: 'PUT',
      path: '/directives/276-ubnd-ncpc/tasks/thang',
      body: { ...monthly, due: '2026-01-20', recurrence: 'FREQ=MONTHLY;BYMONTHDAY=20', lead: 'so-noi-vu' },
      headers: { 'if-match': '"1"' },
    });

    const occurrences = (await api.deps.store.listAssignmentsOfTask('thang')).map((a) => a.occurrence).sort();
    expect(res.status).toBe(200);
    expect(occurrences).toEqual([
      ...['01-15', '02-15', '03-15', '04-15'].map((d) => `2026-${d}`), // due before today (24/04): still owed
      ...['05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}-20`),
    ]);
  });

  it('refuses a stale If-Match with a conflict and changes nothing', async () => {
    await put({ title: 'Lần 1' });

    const res = await put({ title: 'Lần 2' }, '"1"');

    expect(res.status).toBe(409);
    expect(res.json.error).toBe('conflict');
    expect(await api.deps.store.getTask('276-ubnd-ncpc', 'bc')).toMatchObject({ title: 'Lần 1' });
  });

  it('refuses an unknown unit and an empty title, naming both fields, and writes nothing', async () => {
    const before = await api.countItems();

    const res = await put({ title: '', lead: ['so-khong-co'] });

    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(['title']);
    const unknown = await put({ lead: ['so-noi-vu', 'so-khong-co'] });
    expect(unknown.json.issues).toEqual([{ path: 'lead[1]', rule: 'unknown unit "so-khong-co"' }]);
    expect(await api.countItems()).toBe(before);
  });

  it('deletes a task nobody acted on, with its assignments', async () => {
    const res = await api.call({ method: 'DELETE', path: TASK, headers: { 'if-match': '"1"' } });

    expect(res.status).toBe(204);
    expect(await api.deps.store.getTask('276-ubnd-ncpc', 'bc')).toBeUndefined();
    expect(await api.deps.store.listAssignmentsOfTask('bc')).toEqual([]);
  });

  it('keeps a task a unit has reported on: 409 has-reports naming the unit', async () => {
    await report('so-noi-vu');

    const res = await api.call({ method: 'DELETE', path: TASK, headers: { 'if-match': '"1"' } });

    expect(res.status).toBe(409);
    expect(res.json.error).toBe('has-reports');
    expect(res.json.issues).toHaveLength(1);
    expect(res.json.issues[0].rule).toMatch(/^unit "so-noi-vu"/);
    expect(await api.deps.store.listAssignmentsOfTask('bc')).toHaveLength(2);
  });

  it('answers 404 for a task of another directive', async () => {
    const res = await api.call({ method: 'GET', path: '/directives/276-ubnd-ncpc/tasks/khong-co' });

    expect(res.status).toBe(404);
  });
});

describe('deleting a policy in use', () => {
  it('answers 409 in-use saying how many tasks use it', async () => {
    const api = await setupApi('api-policy-in-use');
    await seedProvince(api);
    await api.call({
      method: 'POST',
      path: '/policies',
      body: { name: 'nhanh', steps: [{ offset: '-1wd', channels: ['sms'], to: ['unit'] }] },
    });
    for (const id of ['t1', 't2'])
      await api.call({
        method: 'POST',
        path: '/directives/276-ubnd-ncpc/tasks',
        body: { id, title: id, due: '2026-05-15', lead: 'so-noi-vu', policy: 'nhanh' },
      });

    const res = await api.call({ method: 'DELETE', path: '/policies/nhanh' });

    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({
      error: 'in-use',
      issues: [{ path: 'name', rule: 'is used by 2 tasks' }],
    });
  });
});
