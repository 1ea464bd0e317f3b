import { DeleteTopicCommand, InvalidParameterException, SubscribeCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import '../../support/aws-matchers.ts';
import { contactTopicName } from '#adapters/aws-names';
import type { ReminderScheduler } from '#ports/reminder-scheduler';
import { ConflictError } from '#shared/errors';
import { planAssignmentChange } from '#usecases/engine/index';
import { type Api, setupApi } from './harness.ts';

const schedulerStub = (): ReminderScheduler => ({
  upsert: vi.fn(async () => undefined),
  remove: vi.fn(async () => undefined),
});

const doc = () => ({
  units: [
    { id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'ubnd-tinh' },
    { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', parentId: 'ubnd-tinh' },
  ],
  contacts: [
    {
      id: 'gd',
      unitId: 'so-noi-vu',
      name: 'Nguyễn Văn An',
      role: 'head',
      phone: '0912 345 678',
      email: 'an@backan.gov.vn',
    },
  ],
  policies: [{ name: 'gap', steps: [{ offset: '-1wd', channels: ['sms'], to: ['unit'] }] }],
  directives: [
    {
      id: '276-ubnd-ncpc',
      number: '276/UBND-NCPC',
      issuedOn: '2026-01-13',
      issuer: 'UBND tỉnh Bắc Kạn',
      title: 'Phòng, chống tham nhũng',
      tasks: [
        {
          id: 'bc-quy',
          title: 'Báo cáo quý',
          due: '2026-06-14',
          recurrence: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=14',
          lead: ['so-noi-vu', 'so-tu-phap'],
          policy: 'gap',
        },
        {
          id: 'ra-soat',
          title: 'Rà soát',
          due: { workingDays: 10, after: '2026-04-24' },
          lead: 'so-tu-phap',
          support: ['so-noi-vu'],
        },
      ],
    },
  ],
});

describe('POST /import', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('api-import');
  });

  it('imports a document and counts what it created', async () => {
    const res = await api.call({ method: 'POST', path: '/import', body: doc() });

    expect(res.status).toBe(200);
    expect(res.json.created).toEqual({
      policies: 1,
      units: 3,
      contacts: 1,
      directives: 1,
      tasks: 2,
      assignments: 9,
    });
    const contact = await api.call({ method: 'GET', path: '/units/so-noi-vu/contacts/gd' });
    expect(contact.json).toMatchObject({ phone: '+84912345678', emailStatus: 'pending' });
  });

  it('writes each new assignment with its first check planned, as the stream planner would', async () => {
    await api.call({ method: 'POST', path: '/import', body: doc() });
    const deps = { store: api.deps.store, clock: { now: () => api.clock.now }, scheduler: schedulerStub() };

    const quarterly = await api.deps.store.getAssignment('bc-quy.so-noi-vu.2026-06-14');
    const outcome = quarterly && (await planAssignmentChange(deps, { after: quarterly }));

    // The `gap` policy's one step, a working day before 14/06/2026 (a Sunday, so due Monday 15/06): Friday 12/06, 08:00.
    expect(quarterly?.nextCheckAt).toBe('2026-06-12T01:00:00.000Z');
    expect(outcome).toBe('window'); // planned already: no write, only the schedule decision
    expect((await api.deps.store.getAssignment('bc-quy.so-noi-vu.2026-06-14'))?.version).toBe(1);
  });

  it('refuses an unknown lead unit, naming its path, and writes nothing', async () => {
    const bad = doc();
    (bad.directives[0]?.tasks[0] as { lead: string[] }).lead = ['so-noi-vu', 'so-khong-co'];
    const before = await api.countItems();

    const res = await api.call({ method: 'POST', path: '/import', body: bad });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'directives[0].tasks[0].lead[1]', rule: 'unknown unit "so-khong-co"' },
    ]);
    expect(await api.countItems()).toBe(before);
  });

  it('reports every bad reference, duplicate and cycle at once', async () => {
    const bad = doc();
    bad.units.push({ id: 'so-noi-vu', name: 'Trùng', kind: 'department', parentId: null });
    (bad.units[0] as { parentId: string | null }).parentId = 'so-noi-vu';
    (bad.contacts[0] as { unitId: string }).unitId = 'khong-co';
    (bad.directives[0]?.tasks[1] as { policy?: string }).policy = 'khong-co';

    const res = await api.call({ method: 'POST', path: '/import', body: bad });

    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual([
      'units[3].id',
      'units[0].parentId',
      'units[1].parentId',
      'contacts[0].unitId',
      'directives[0].tasks[1].policy',
    ]);
  });

  it('names zod paths inside the document', async () => {
    const bad = doc();
    (bad.directives[0]?.tasks[1] as { due: unknown }).due = '15/05/2026';

    const res = await api.call({ method: 'POST', path: '/import', body: bad });

    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toContain('directives[0].tasks[1].due');
  });

  it('refuses to import the same ids twice with 409 and writes nothing', async () => {
    await api.call({ method: 'POST', path: '/import', body: doc() });
    const before = await api.countItems();

    const res = await api.call({ method: 'POST', path: '/import', body: doc() });

    expect(res.status).toBe(409);
    expect(await api.countItems()).toBe(before);
  });

  describe('a refused import leaves no email topic behind', () => {
    const twoContacts = () => {
      const d = doc();
      d.contacts.push({ ...d.contacts[0], id: 'cv', role: 'focal', email: 'binh@backan.gov.vn' } as never);
      return d;
    };
    const topicOf = (contactId: string) =>
      `arn:aws:sns:ap-southeast-1:123456789012:${contactTopicName('dondoc-test-contact-', { unitId: 'so-noi-vu', contactId })}`;

    it('when SNS refuses one address, the topics made for the others are deleted', async () => {
      api.sns.mock
        .on(SubscribeCommand, { Endpoint: 'binh@backan.gov.vn' })
        .rejects(new InvalidParameterException({ message: 'Invalid parameter: Endpoint', $metadata: {} }));

      const res = await api.call({ method: 'POST', path: '/import', body: twoContacts() });

      expect(res.status).toBe(400);
      expect(await api.countItems()).toBe(0);
      expect(api.sns.mock).toHaveReceivedCommandWith(DeleteTopicCommand, { TopicArn: topicOf('gd') });
      expect(api.sns.subscriptions.size).toBe(0);
    });

    it('when the table refuses the write, every topic it made is deleted', async () => {
      vi.spyOn(api.deps.store, 'write').mockRejectedValueOnce(new ConflictError('changed meanwhile'));

      const res = await api.call({ method: 'POST', path: '/import', body: twoContacts() });

      expect(res.status).toBe(409);
      expect(await api.countItems()).toBe(0);
      expect(api.sns.mock).toHaveReceivedCommandWith(DeleteTopicCommand, { TopicArn: topicOf('gd') });
      expect(api.sns.mock).toHaveReceivedCommandWith(DeleteTopicCommand, { TopicArn: topicOf('cv') });
      expect(api.sns.subscriptions.size).toBe(0);
    });
  });

  it('re-runs safely in upsert mode: an identical document writes nothing', async () => {
    await api.call({ method: 'POST', path: '/import', body: doc() });
    const before = await api.countItems();

    const res = await api.call({ method: 'POST', path: '/import', query: { mode: 'upsert' }, body: doc() });

    expect(res.status).toBe(200);
    expect(res.json.transactions).toBe(0);
    expect(res.json.unchanged).toEqual({
      policies: 1,
      units: 3,
      contacts: 1,
      directives: 1,
      tasks: 2,
      assignments: 9,
    });
    expect(await api.countItems()).toBe(before);
  });

  it('updates changed items in upsert mode and keeps existing assignments', async () => {
    await api.call({ method: 'POST', path: '/import', body: doc() });
    const changed = doc();
    (changed.units[1] as { name: string }).name = 'Sở Nội vụ tỉnh Bắc Kạn';

    const res = await api.call({ method: 'POST', path: '/import', query: { mode: 'upsert' }, body: changed });

    expect(res.json.updated.units).toBe(1);
    expect((await api.call({ method: 'GET', path: '/units/so-noi-vu' })).json).toMatchObject({
      name: 'Sở Nội vụ tỉnh Bắc Kạn',
      version: 2,
    });
  });

  it('refuses a body over 5 MB with 413', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/import',
      body: { units: [], pad: 'x'.repeat(5 * 1024 * 1024) },
    });

    expect(res.status).toBe(413);
  });
});
