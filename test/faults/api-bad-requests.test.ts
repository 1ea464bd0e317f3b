import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../shared/api/routes.ts';
import { type Api, createTask, seedProvince, setupApi } from '../functions/api/harness.ts';
import { claimsOf } from '../support/api-event.ts';

const RUNS = 10_000;
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const mutations = apiRoutes.filter((r) => r.method !== 'GET');

/** Dates outside 1990–2100 in every form a date takes: a day, an instant, working days after a day. */
const outOfRange = fc.oneof(
  fc.constantFrom('0000-01-01', '0099-12-31', '1989-12-31', '2101-01-01', '9999-12-31'),
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '1989-12-31T16:59:59Z',
    '2100-12-31T17:00:00Z',
    '9999-12-31T23:59:59+07:00',
  ),
  fc.constantFrom(
    { workingDays: 0, after: '0001-01-01' },
    { workingDays: 5, after: '1989-12-31' },
    { workingDays: 5, after: '9999-01-01' },
    { workingDays: 1000, after: '2100-06-01' },
  ),
);

/**
 * Recurrences finer than a day, with time parts, from year 1, or that never occur. The last kind
 * costs its full expansion budget (1 s), so it is drawn rarely here; inputs.test.ts pins it.
 */
const badRecurrence = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.constantFrom(
      'FREQ=SECONDLY',
      'FREQ=MINUTELY;INTERVAL=1;COUNT=1000000',
      'RRULE:FREQ=HOURLY',
      'FREQ=DAILY;BYHOUR=0,6,12,18',
      'FREQ=WEEKLY;BYSECOND=1,2,3',
      'RRULE:FREQ=DAILY\nEXRULE:FREQ=SECONDLY',
      'DTSTART:00010101T000000Z\nRRULE:FREQ=DAILY',
      'FREQ=YEARLY;INTERVAL=0',
      'FREQ=',
    ),
  },
  { weight: 1, arbitrary: fc.constant('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30') },
);

/** Bodies a client gets wrong: right field names with wrong values, other JSON, broken JSON, huge text. */
const wrongValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', ' ', '0912', '+84', '2026-02-30', '25:00', '-1wd', 'x'.repeat(300), '<script>'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  outOfRange,
  badRecurrence,
);
const badBody = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom(
        ...['id', 'name', 'kind', 'parentId', 'role', 'phone', 'email', 'number', 'issuedOn', 'title'],
        ...['due', 'lead', 'support', 'percent', 'newDue', 'reason', 'date', 'steps', 'units', 'contacts'],
        ...['recurrence', 'after'],
      ),
      wrongValue,
      { minKeys: 1, maxKeys: 6 },
    )
    .map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }).map((s) => `{${s}`),
  fc.constant('x'.repeat(2_000)),
);
const param = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((s) => !s.includes('/'))
      .map(encodeURIComponent),
  );

type Pk = string | { S?: string } | undefined;
type WriteInput = { Key?: { PK?: Pk }; Item?: { PK?: Pk } };
const text = (pk: Pk) => (typeof pk === 'string' ? pk : (pk?.S ?? ''));

/**
 * A personal link's rate-limit counter (`RATE#…`): counting a refused lookup is how the limit
 * works, so it is the one write a rejected request is meant to make.
 */
const isRateCounter = (input: WriteInput | undefined) =>
  text(input?.Key?.PK ?? input?.Item?.PK).startsWith('RATE#');

/** Calls `count` for every write DynamoDB accepts on the table of `api`, rate-limit counters aside. */
function countWrites(api: Api, count: () => void): void {
  const stack = api.table.client.middlewareStack as unknown as {
    add(middleware: unknown, options: { step: 'initialize'; name: string }): void;
  };
  stack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: unknown) => {
        const result = await next(args);
        const input = (args as { input?: WriteInput }).input;
        if (WRITES.has(String(context.commandName).replace(/Command$/, '')) && !isRateCounter(input)) count();
        return result;
      },
    { step: 'initialize', name: 'faultsWriteCounter' },
  );
}

describe('10,000 generated bad API requests', { timeout: 170_000 }, () => {
  let api: Api;
  let known: string[];
  const partial: string[] = [];
  const serverErrors: string[] = [];
  let rejected = 0;
  let current: { writes: number } = { writes: 0 };

  beforeAll(async () => {
    // Prepare: a small province on its own table, and a counter of the writes DynamoDB accepted.
    api = await setupApi('faults-api');
    await seedProvince(api);
    const [assignment] = (await createTask(api, 'bad-requests', ['so-noi-vu'])) as [string];
    known = ['so-noi-vu', 'ubnd-tinh', '276-ubnd-ncpc', assignment, 'bad-requests', 'mac-dinh', '2026-05-01'];
    countWrites(api, () => current.writes++);

    // Act: mutations with bad bodies, parameters, content types and callers, one at a time.
    const request = fc.record({
      route: fc.constantFrom(...mutations),
      params: fc.array(param(known), { minLength: 3, maxLength: 3 }),
      body: fc.option(badBody, { nil: undefined, freq: 8 }),
      contentType: fc.constantFrom('application/json', 'text/plain', 'application/xml', undefined),
      claims: fc.constantFrom(
        claimsOf.admin(),
        claimsOf.admin(),
        claimsOf.unitHead('so-tu-phap'),
        null,
        { sub: 'x', 'cognito:groups': '[x,admin]' },
        claimsOf.unitHead('x'.repeat(5000)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let i = 0;
        const path = r.route.path.replace(/\{\w+\}/g, () => r.params[i++] ?? 'x');
        current = { writes: 0 };
        const res = await api.call({
          method: r.route.method,
          path,
          ...(r.body !== undefined ? { body: r.body } : {}),
          headers: r.contentType ? { 'content-type': r.contentType } : {},
          claims: r.claims,
        });
        const what = `${r.route.method} ${path} -> ${res.status} ${res.text.slice(0, 120)}`;
        if (res.status >= 500) serverErrors.push(what);
        if (res.status >= 400) rejected++;
        if (res.status >= 400 && current.writes > 0) partial.push(`${what} after ${current.writes} writes`);
      }),
      { numRuns: RUNS, seed: 20261128, endOnFailure: true },
    );
  }, 170_000);

  it('rejects nearly all of them (they are bad requests)', () => {
    expect(rejected / RUNS).toBeGreaterThan(0.95);
  });

  it('never answers 500', () => {
    expect(serverErrors).toEqual([]);
  });

  it('never writes part of a request it rejects', () => {
    expect(partial).toEqual([]);
  });
});

/** A valid request of each kind that carries a date or a recurrence, and the fields to break in it. */
interface Template {
  method: string;
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  /** Dotted paths into `body` (`query.x` for the query, `path` for the last path segment). */
  fields: string[];
  head?: boolean;
}

const taskBody = () => ({
  title: 'Báo cáo tháng',
  due: '2026-06-30',
  lead: 'so-noi-vu',
  recurrence: 'FREQ=MONTHLY',
});
const templates = (assignment: string): Template[] => [
  {
    method: 'POST',
    path: '/calendar/overrides',
    body: { date: '2026-09-03', kind: 'off', reason: 'Nghỉ' },
    fields: ['date'],
  },
  {
    method: 'PUT',
    path: '/calendar/overrides',
    body: { date: '2026-09-04', kind: 'off', reason: 'Nghỉ' },
    fields: ['date'],
  },
  { method: 'DELETE', path: '/calendar/overrides/2026-09-03', fields: ['path'] },
  {
    method: 'POST',
    path: '/directives',
    body: { number: '05/CT', issuedOn: '2026-03-02', issuer: 'UBND tỉnh', title: 'Chỉ thị' },
    fields: ['issuedOn'],
  },
  {
    method: 'POST',
    path: '/directives/276-ubnd-ncpc/tasks',
    body: taskBody(),
    fields: ['due', 'recurrence'],
  },
  {
    method: 'POST',
    path: `/assignments/${assignment}/extensions`,
    body: { newDue: '2026-06-30', reason: 'Chờ số liệu' },
    fields: ['newDue'],
    head: true,
  },
  {
    method: 'POST',
    path: '/import',
    body: {
      directives: [
        {
          id: 'ct-05',
          number: '05/CT',
          issuedOn: '2026-03-02',
          issuer: 'UBND tỉnh',
          title: 'Chỉ thị',
          tasks: [{ id: 'bc', ...taskBody(), lead: ['so-noi-vu'] }],
        },
      ],
    },
    fields: ['directives.0.issuedOn', 'directives.0.tasks.0.due', 'directives.0.tasks.0.recurrence'],
  },
  {
    method: 'GET',
    path: '/assignments',
    query: { dueBefore: '2026-06-30' },
    fields: ['query.dueBefore'],
    head: true,
  },
  {
    method: 'GET',
    path: '/reports/compliance',
    query: { from: '2026-01-01', to: '2026-12-31' },
    fields: ['query.from', 'query.to'],
  },
];

/** Headers a client or a proxy gets wrong: oversized, malformed, or for another kind of body. */
const badHeaders = fc.option(
  fc.constantFrom<Record<string, string>>(
    { 'content-type': `application/json; charset=${'x'.repeat(8192)}` },
    { 'content-type': 'application/json\u0000' },
    { 'content-type': 'multipart/form-data; boundary=x' },
    { 'if-match': 'x'.repeat(8192) },
    { 'if-match': 'W/"' },
    { 'if-match': '"99999999999999999999"' },
    { 'x-forwarded-for': '203.0.113.7, '.repeat(2000) },
    { [`x-${'a'.repeat(4096)}`]: 'y' },
    { 'content-encoding': 'gzip' },
  ),
  { nil: undefined, freq: 2 },
);

/** `value` set at the dotted `path` of a copy of `body`. */
function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1) as string] = value;
  return copy;
}

describe('2,000 requests with one date or recurrence out of bounds, and bad headers', {
  timeout: 170_000,
}, () => {
  let api: Api;
  const failures: string[] = [];
  let writes = 0;

  beforeAll(async () => {
    // Prepare: a province with one assignment, and a valid request of every kind that takes a date.
    api = await setupApi('faults-api-fields');
    await seedProvince(api);
    const [assignment] = (await createTask(api, 'bc-quy', ['so-noi-vu'])) as [string];
    countWrites(api, () => writes++);
    const request = fc.record({
      template: fc.constantFrom(...templates(assignment)),
      pick: fc.nat(),
      value: fc.oneof(outOfRange, badRecurrence),
      headers: badHeaders,
    });

    // Act: each request with one field broken; every answer must be a 4xx naming it, writing nothing.
    await fc.assert(
      fc.asyncProperty(request, async ({ template: t, pick, value, headers }) => {
        const field = t.fields[pick % t.fields.length] as string;
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        const query = field.startsWith('query.') ? { ...t.query, [field.slice(6)]: text } : t.query;
        const path = field === 'path' ? t.path.replace(/[^/]+$/, encodeURIComponent(text)) : t.path;
        const body = t.body && !field.startsWith('query.') ? withValue(t.body, field, value) : undefined;
        writes = 0;
        const res = await api.call({
          method: t.method,
          path,
          ...(query ? { query } : {}),
          ...(body ? { body: JSON.stringify(body) } : {}),
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          claims: t.head ? claimsOf.unitHead('so-noi-vu') : claimsOf.admin(),
        });
        const named = field.replace(/^query\./, '').replace(/\.(\d+)\./g, '[$1].');
        const what = `${t.method} ${t.path} ${field}=${text.slice(0, 60)} -> ${res.status} ${res.text.slice(0, 160)}`;
        if (res.status < 400 || res.status >= 500) failures.push(`not a 4xx: ${what}`);
        if (
          res.status === 400 &&
          field !== 'path' &&
          !res.json?.issues?.some((i: { path: string }) => i.path.startsWith(named))
        )
          failures.push(`400 without ${named}: ${what}`);
        if (writes > 0) failures.push(`wrote ${writes} items: ${what}`);
      }),
      { numRuns: 2_000, seed: 20261130, endOnFailure: true },
    );
  }, 170_000);

  it('answers every one with a 4xx naming the broken field, and writes nothing', () => {
    expect(failures).toEqual([]);
  });
});
