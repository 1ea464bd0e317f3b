import { beforeEach, describe, expect, it } from 'vitest';
import { type Api, seedProvince, setupApi } from './harness.ts';

const policy = {
  name: 'bao-cao-quy',
  steps: [
    { offset: '-3wd', channels: ['sms'], to: ['unit'] },
    { offset: '+1wd', repeatEvery: '+2wd', times: 3, channels: ['sms', 'email'], to: ['unit', 'parent'] },
  ],
};

describe('policies, directives and tasks', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('api-directives');
    await seedProvince(api);
  });

  it('creates, reads and lists a reminder policy', async () => {
    const created = await api.call({ method: 'POST', path: '/policies', body: policy });
    const read = await api.call({ method: 'GET', path: '/policies/bao-cao-quy' });
    const list = await api.call({ method: 'GET', path: '/policies' });

    expect(created.status).toBe(201);
    expect(read.json).toMatchObject({ name: 'bao-cao-quy', sendAt: '08:00', version: 1 });
    expect(list.json.items.map((p: { name: string }) => p.name)).toEqual(['bao-cao-quy']);
  });

  it('refuses a policy step with a bad offset, naming its path', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/policies',
      body: { ...policy, steps: [{ ...policy.steps[0], offset: 'soon' }] },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toContain('steps[0].offset');
  });

  it('refuses to delete a policy a task uses', async () => {
    await api.call({ method: 'POST', path: '/policies', body: policy });
    await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { title: 'T', due: '2026-05-15', lead: 'so-noi-vu', policy: 'bao-cao-quy' },
    });

    const res = await api.call({ method: 'DELETE', path: '/policies/bao-cao-quy' });

    expect(res.status).toBe(409);
  });

  it('reads and updates a directive', async () => {
    const read = await api.call({ method: 'GET', path: '/directives/276-ubnd-ncpc' });

    const res = await api.call({
      method: 'PUT',
      path: '/directives/276-ubnd-ncpc',
      body: { number: '276/UBND-NCPC', issuedOn: '2026-01-13', issuer: 'UBND tỉnh', title: 'Sửa tiêu đề' },
      headers: { 'if-match': read.headers.etag ?? '' },
    });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ title: 'Sửa tiêu đề', version: 2 });
  });

  it('creates a weekly task for two units with all its 106 assignments (53 Fridays), beyond one transaction', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: {
        id: 'bc-tuan',
        title: 'Báo cáo tuần',
        due: '2026-05-08',
        recurrence: 'FREQ=WEEKLY;BYDAY=FR',
        lead: ['so-noi-vu', 'so-tu-phap'],
      },
    });

    const stored = await api.deps.store.listAssignmentsOfTask('bc-tuan');
    expect(res.status).toBe(201);
    expect(stored).toHaveLength(106);
    expect(new Set(stored.map((a) => a.unitId))).toEqual(new Set(['so-noi-vu', 'so-tu-phap']));
  });

  it("refuses a task id another directive's task uses, writing nothing over its assignments", async () => {
    const weekly = {
      id: 'bc-tuan',
      title: 'Báo cáo tuần',
      due: '2026-05-08',
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
    };
    await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { ...weekly, lead: ['so-noi-vu'] },
    });
    await api.call({
      method: 'POST',
      path: '/directives',
      body: {
        id: 'kh-99',
        number: '99/KH-UBND',
        issuedOn: '2026-02-01',
        issuer: 'UBND tỉnh',
        title: 'Kế hoạch',
      },
    });
    const before = await api.countItems();

    const res = await api.call({
      method: 'POST',
      path: '/directives/kh-99/tasks',
      body: { ...weekly, title: 'Báo cáo khác', lead: ['so-noi-vu', 'so-tu-phap'] },
    });

    expect(res.status).toBe(409);
    expect(await api.countItems()).toBe(before);
    const kept = await api.deps.store.listAssignmentsOfTask('bc-tuan');
    expect(new Set(kept.map((a) => `${a.directiveId} ${a.title}`))).toEqual(
      new Set(['276-ubnd-ncpc Báo cáo tuần']),
    );
  });

  it('creates a task with one assignment per lead unit, due at the end of the day in Vietnam', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: {
        id: 'bc-6-thang',
        title: 'Báo cáo sơ kết 6 tháng',
        due: '2026-05-15',
        lead: ['so-noi-vu', 'so-tu-phap'],
        support: ['ubnd-ba-be'],
      },
    });

    expect(res.status).toBe(201);
    expect(res.json.task).toMatchObject({
      id: 'bc-6-thang',
      policy: 'mac-dinh',
      lead: ['so-noi-vu', 'so-tu-phap'],
    });
    expect(res.json.assignments).toHaveLength(2);
    expect(res.json.assignments[0]).toMatchObject({
      id: 'bc-6-thang.so-noi-vu',
      unitId: 'so-noi-vu',
      occurrence: 'once',
      state: 'open',
      dueAt: '2026-05-15T16:59:59.999Z',
      originalDueAt: '2026-05-15T16:59:59.999Z',
    });
  });

  it('moves a deadline that falls on a holiday to the next working day', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { title: 'T', due: '2026-05-01', lead: 'so-noi-vu' },
    });

    expect(res.json.assignments[0].dueAt).toBe('2026-05-04T16:59:59.999Z');
  });

  it('expands a recurring task over the 12 months from its first deadline', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: {
        id: 'quy',
        title: 'Báo cáo quý',
        due: '2026-06-14',
        recurrence: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=14',
        lead: ['so-noi-vu'],
      },
    });

    expect(res.status).toBe(201);
    expect(res.json.assignments.map((a: { occurrence: string }) => a.occurrence)).toEqual([
      '2026-06-14',
      '2026-09-14',
      '2026-12-14',
      '2027-03-14',
    ]);
    expect(res.json.assignments[1].id).toBe('quy.so-noi-vu.2026-09-14');
  });

  it('refuses unknown lead units and policy, naming every path, and writes nothing', async () => {
    const before = await api.countItems();

    const res = await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { title: 'T', due: '2026-05-15', lead: ['so-noi-vu', 'so-khong-co'], policy: 'khong-co' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'lead[1]', rule: 'unknown unit "so-khong-co"' },
      { path: 'policy', rule: 'unknown policy "khong-co"' },
    ]);
    expect(await api.countItems()).toBe(before);
  });

  it('refuses a bad RRULE with a 400 on recurrence', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { title: 'T', due: '2026-05-15', lead: 'so-noi-vu', recurrence: 'FREQ=SOMETIMES' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('recurrence');
  });

  it('answers 404 for the tasks of an unknown directive', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/directives/khong-co/tasks',
      body: { title: 'T', due: '2026-05-15', lead: 'so-noi-vu' },
    });

    expect(res.status).toBe(404);
  });

  it("lists a directive's tasks", async () => {
    await api.call({
      method: 'POST',
      path: '/directives/276-ubnd-ncpc/tasks',
      body: { id: 't1', title: 'T', due: '2026-05-15', lead: 'so-noi-vu' },
    });

    const res = await api.call({ method: 'GET', path: '/directives/276-ubnd-ncpc/tasks' });

    expect(res.json.items.map((t: { id: string }) => t.id)).toEqual(['t1']);
  });
});
