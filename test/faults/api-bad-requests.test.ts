import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../shared/api/routes.ts';
import { type Api, createTask, seedProvince, setupApi } from '../functions/api/harness.ts';
import { claimsOf } from '../support/api-event.ts';

const RUNS = 10_000;
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const mutations = apiRoutes.filter((r) => r.method !== 'GET');

/** Bodies a client gets wrong: right field names with wrong values, other JSON, broken JSON, huge text. */
const wrongValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', ' ', '0912', '+84', '2026-02-30', '25:00', '-1wd', 'x'.repeat(300), '<script>'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);
const badBody = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom(
        ...['id', 'name', 'kind', 'parentId', 'role', 'phone', 'email', 'number', 'issuedOn', 'title'],
        ...['due', 'lead', 'support', 'percent', 'newDue', 'reason', 'date', 'steps', 'units', 'contacts'],
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
    const stack = api.table.client.middlewareStack as unknown as {
      add(middleware: unknown, options: { step: 'initialize'; name: string }): void;
    };
    stack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
        async (args: unknown) => {
          const result = await next(args);
          if (WRITES.has(String(context.commandName).replace(/Command$/, ''))) current.writes++;
          return result;
        },
      { step: 'initialize', name: 'faultsWriteCounter' },
    );

    // Act: mutations with bad bodies, parameters, content types and callers, one at a time.
    const request = fc.record({
      route: fc.constantFrom(...mutations),
      params: fc.array(param(known), { minLength: 3, maxLength: 3 }),
      body: fc.option(badBody, { nil: undefined, freq: 8 }),
      contentType: fc.constantFrom('application/json', 'text/plain', 'application/xml', undefined),
      claims: fc.constantFrom(claimsOf.admin(), claimsOf.admin(), claimsOf.unitHead('so-tu-phap'), null),
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
