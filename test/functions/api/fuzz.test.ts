import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../shared/api/routes.ts';
import { claimsOf } from '../../support/api-event.ts';
import { type Api, createTask, seedProvince, setupApi } from './harness.ts';

/** Values that reach deep into the use cases (real ids) mixed with junk. */
const paramValue = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    fc
      .string({ maxLength: 30 })
      .filter((s) => s.length > 0 && !s.includes('/'))
      .map(encodeURIComponent),
  );

const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '0',
    '-1',
    '101',
    '1e3',
    'abc',
    '2026-13-01',
    '2026-05-01',
    '2026-05-01T00:00:00Z',
    'csv',
    'upsert',
    'overdue',
    'open',
    'so-noi-vu',
    'eyJzIjoiIn0',
  ),
);
const query = fc.dictionary(
  fc.constantFrom(
    'limit',
    'cursor',
    'unit',
    'status',
    'dueBefore',
    'from',
    'to',
    'format',
    'mode',
    'assignment',
    'year',
    'x',
  ),
  queryValue,
  { maxKeys: 4 },
);

/** Almost-valid bodies (fields of the right names with wrong values), any JSON, and non-JSON text. */
const field = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);
const body = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom(
        'id',
        'name',
        'kind',
        'parentId',
        'role',
        'phone',
        'email',
        'number',
        'issuedOn',
        'title',
        'due',
        'lead',
        'percent',
        'newDue',
        'reason',
        'date',
        'steps',
        'units',
        'directives',
        'contacts',
      ),
      field,
      { maxKeys: 6 },
    )
    .map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/xml',
  undefined,
);
const caller = fc.constantFrom(
  claimsOf.admin(),
  claimsOf.unitHead('so-noi-vu'),
  claimsOf.unitHead('so-tu-phap'),
  null,
);

describe('fuzzing bodies and parameters', () => {
  let api: Api;
  let known: string[];
  beforeAll(async () => {
    api = await setupApi('api-fuzz');
    await seedProvince(api);
    const [assignment] = (await createTask(api, 'fuzz', ['so-noi-vu'])) as [string];
    known = ['so-noi-vu', '276-ubnd-ncpc', assignment, 'mac-dinh', '2026-05-01', 'gd'];
  });

  it('never answers 500, and a rejected request writes nothing', async () => {
    const request = fc.record({
      route: fc.constantFrom(...apiRoutes),
      params: fc.array(paramValue(known), { minLength: 3, maxLength: 3 }),
      query,
      body: fc.option(body, { nil: undefined }),
      contentType,
      claims: caller,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let i = 0;
        const path = r.route.path.replace(/\{\w+\}/g, () => r.params[i++] ?? 'x');
        const before = await api.countItems();

        const res = await api.call({
          method: r.route.method,
          path,
          query: r.query,
          ...(r.body !== undefined ? { body: r.body } : {}),
          headers: r.contentType ? { 'content-type': r.contentType } : {},
          claims: r.claims,
        });

        expect(res.status, `${r.route.method} ${path} ${res.text}`).toBeLessThan(500);
        if (res.status >= 400) expect(await api.countItems(), `${r.route.method} ${path} wrote`).toBe(before);
      }),
      { numRuns: 300, seed: 20260424, endOnFailure: true },
    );
  }, 300_000);
});
