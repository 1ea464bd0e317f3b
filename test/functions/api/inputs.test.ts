import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SUPPORTED_RANGE_RULE } from '../../../shared/domain/supported-range.ts';
import { logger } from '../../../shared/logger.ts';
import { errorBodySchema } from '../../../shared/schemas/api.ts';
import { claimsOf } from '../../support/api-event.ts';
import { type Api, createTask, seedProvince, setupApi } from './harness.ts';

const TASKS = '/directives/276-ubnd-ncpc/tasks';
const task = (fields: Record<string, unknown>) => ({
  title: 'Báo cáo',
  due: '2026-05-15',
  lead: 'so-noi-vu',
  ...fields,
});
const rangeIssue = (path: string) => ({ path, rule: expect.stringContaining(SUPPORTED_RANGE_RULE) });

describe('inputs: dates, recurrences, headers and groups', () => {
  let api: Api;
  let assignment: string;
  beforeAll(async () => {
    api = await setupApi('api-inputs');
    await seedProvince(api);
    [assignment] = (await createTask(api, 'bc-thang', ['so-noi-vu'])) as [string];
  });

  /** Sends a request that must be refused with a 400 naming `path`, and proves it wrote nothing. */
  async function refused(request: Parameters<Api['call']>[0], path: string) {
    const before = await api.countItems();
    const res = await api.call(request);
    expect({ status: res.status, issues: res.json.issues }).toEqual({
      status: 400,
      issues: [rangeIssue(path)],
    });
    expect(await api.countItems()).toBe(before);
  }

  it.each([
    [
      'a year-0000 override',
      { method: 'POST', path: '/calendar/overrides', body: { date: '0000-01-01', kind: 'off', reason: 'x' } },
      'date',
    ],
    [
      'a replaced override in 2101',
      { method: 'PUT', path: '/calendar/overrides', body: { date: '2101-01-01', kind: 'off', reason: 'x' } },
      'date',
    ],
    ['an override removal in 9999', { method: 'DELETE', path: '/calendar/overrides/9999-12-31' }, 'date'],
    [
      'a directive issued in 1989',
      {
        method: 'POST',
        path: '/directives',
        body: { number: '1/CT', issuedOn: '1989-12-31', issuer: 'UBND tỉnh', title: 'x' },
      },
      'issuedOn',
    ],
    ['a task due 9999-12-31', { method: 'POST', path: TASKS, body: task({ due: '9999-12-31' }) }, 'due'],
    [
      'a task due at an instant in year 0099',
      { method: 'POST', path: TASKS, body: task({ due: '0099-01-01T00:00:00Z' }) },
      'due',
    ],
    [
      'working days after 1900-01-01',
      { method: 'POST', path: TASKS, body: task({ due: { workingDays: 5, after: '1900-01-01' } }) },
      'due.after',
    ],
    [
      'an instant whose local date is 2101-01-01',
      { method: 'POST', path: TASKS, body: task({ due: '2100-12-31T17:00:00Z' }) },
      'due',
    ],
  ] as const)('refuses %s with a 400 naming the field, writing nothing', async (_, request, path) => {
    await refused(request, path);
  });

  it('refuses a deadline that falls due past 2100 although its inputs are in range', async () => {
    await refused(
      { method: 'POST', path: TASKS, body: task({ due: { workingDays: 1000, after: '2100-06-01' } }) },
      'due',
    );
  });

  it('refuses a unit head’s extension to 9999 with a 400 on newDue', async () => {
    await refused(
      {
        method: 'POST',
        path: `/assignments/${assignment}/extensions`,
        body: { newDue: '9999-12-31', reason: 'Chờ số liệu' },
        claims: claimsOf.unitHead('so-noi-vu'),
      },
      'newDue',
    );
  });

  it.each([
    ['/assignments', { dueBefore: '9999-12-31' }, 'dueBefore'],
    ['/assignments', { dueBefore: '0100-01-01T00:00:00Z' }, 'dueBefore'],
    ['/reports/compliance', { from: '0001-01-01', to: '2026-12-31' }, 'from'],
    ['/reports/compliance', { from: '2026-01-01', to: '9999-12-31' }, 'to'],
  ])('refuses the list filter %s?%j with a 400 naming it', async (path, query, field) => {
    await refused({ method: 'GET', path, query }, field);
  });

  it('refuses a calendar year filter outside 1990–2100', async () => {
    const res = await api.call({ method: 'GET', path: '/calendar/overrides', query: { year: '1989' } });

    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('year');
  });

  it('names the task of an import document whose deadline is out of range', async () => {
    const doc = {
      directives: [
        {
          id: 'ct-01',
          number: '01/CT-UBND',
          issuedOn: '2026-01-05',
          issuer: 'UBND tỉnh',
          title: 'Chỉ thị',
          tasks: [
            { id: 'bc', title: 'Báo cáo', due: '2026-06-30' },
            { id: 'bc2', title: 'x', due: '9999-01-01' },
          ],
        },
      ],
    };

    const res = await api.call({ method: 'POST', path: '/import', body: doc });

    expect(res.status).toBe(400);
    expect(res.json.issues).toContainEqual(rangeIssue('directives[0].tasks[1].due'));
  });

  it.each([
    ['FREQ=SECONDLY', /FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY/],
    ['FREQ=DAILY;BYHOUR=8,14', /must not set BYHOUR/],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /takes too long to expand/],
  ])('refuses the recurrence %j with a 400 on recurrence, writing nothing', async (recurrence, rule) => {
    const before = await api.countItems();

    const res = await api.call({ method: 'POST', path: TASKS, body: task({ recurrence }) });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'recurrence', rule: expect.stringMatching(rule) }]);
    expect(await api.countItems()).toBe(before);
  });
});

describe('a stored row that breaks its schema', () => {
  let api: Api;
  const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
  afterAll(() => warn.mockRestore());
  beforeAll(async () => {
    api = await setupApi('api-bad-rows');
    await seedProvince(api);
    await createTask(api, 'bc-thang', ['so-noi-vu']);
    // Prepare: the override the probe left behind, written straight to the table.
    await api.table.store.doc.send(
      new PutCommand({
        TableName: api.table.tableName,
        Item: {
          PK: 'CALENDAR',
          SK: 'OVERRIDE#0000-01-01',
          entity: 'override',
          date: '0000-01-01',
          kind: 'off',
          reason: 'x',
        },
      }),
    );
  });

  it.each([
    ['lists assignments', { method: 'GET', path: '/assignments' }, 200],
    ['creates a task', { method: 'POST', path: TASKS, body: task({ id: 'sau-loi' }) }, 201],
    [
      'reports compliance',
      { method: 'GET', path: '/reports/compliance', query: { from: '2026-01-01', to: '2026-12-31' } },
      200,
    ],
    ['lists the overrides', { method: 'GET', path: '/calendar/overrides' }, 200],
  ] as const)('still %s', async (_, request, status) => {
    const res = await api.call(request);

    expect(res.status).toBe(status);
  });

  it('is left out of the list it belongs to', async () => {
    const res = await api.call({ method: 'GET', path: '/calendar/overrides' });

    expect(res.json.items.map((o: { date: string }) => o.date)).not.toContain('0000-01-01');
  });

  it('is reported with its key and the rule it breaks, not its values', () => {
    expect(warn).toHaveBeenCalledWith('stored row skipped: it breaks its schema', {
      pk: 'CALENDAR',
      sk: 'OVERRIDE#0000-01-01',
      entity: 'override',
      issues: [rangeIssue('date')],
    });
  });
});

describe('reply headers and error bodies', () => {
  let api: Api;
  beforeAll(async () => {
    api = await setupApi('api-headers');
  });

  it.each([
    ['a success', { method: 'GET', path: '/units' }, 200],
    ['a public reply', { method: 'GET', path: '/health', claims: null }, 200],
    ['a 401', { method: 'GET', path: '/units', claims: null }, 401],
    ['a 404', { method: 'GET', path: '/units/khong-co' }, 404],
    ['a 405', { method: 'PATCH', path: '/units' }, 405],
  ] as const)('marks %s no-store and nosniff', async (_, request, status) => {
    const res = await api.call(request as Parameters<Api['call']>[0]);

    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  });

  it.each([
    ['401', { method: 'GET', path: '/units', claims: null }],
    ['413', { method: 'POST', path: '/units', body: { name: 'x'.repeat(1_100_000), kind: 'office' } }],
    ['405', { method: 'PATCH', path: '/units' }],
  ] as const)('answers %s with a body that follows the Error schema', async (status, request) => {
    const res = await api.call(request as Parameters<Api['call']>[0]);

    expect(String(res.status)).toBe(status);
    expect(errorBodySchema.strict().safeParse(res.json).success).toBe(true);
  });

  it.each([
    { message: 'Unauthorized' },
    { message: 'Request Entity Too Large' },
    { message: 'Too Many Requests' },
  ])('documents API Gateway’s own reply %j as an Error body', (body) => {
    expect(errorBodySchema.strict().safeParse(body).success).toBe(true);
  });
});

describe('groups are matched exactly', () => {
  let api: Api;
  beforeAll(async () => {
    api = await setupApi('api-groups');
  });

  it.each([['[x,admin]'], ['[admins]'], ['["admin"]'], ['[admin-x unit-heads]'], ['admin,unit-head']])(
    'refuses %j as no dondoc group (403)',
    async (groups) => {
      const res = await api.call({
        method: 'GET',
        path: '/units',
        claims: { sub: 'x', 'cognito:groups': groups },
      });

      expect(res.status).toBe(403);
    },
  );

  it.each([['[admin]'], ['[unit-head admin]'], ['admin']])('accepts %j as admin', async (groups) => {
    const res = await api.call({
      method: 'GET',
      path: '/units',
      claims: { sub: 'a', 'cognito:groups': groups },
    });

    expect(res.status).toBe(200);
  });
});
