import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredPolicy } from '#ports/store';
import { ConflictError } from '#shared/errors';
import { createTestTable, type TestTable } from '#test/support/table';
import { directive, task } from './builders.ts';

const policy = (name: string): StoredPolicy => ({
  name,
  sendAt: '08:00',
  quietHours: { start: '21:00', end: '07:00' },
  smsDiacritics: 'strip',
  steps: [{ offset: '-5wd', times: 1, channels: ['sms'], to: ['unit'] }],
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('directives, tasks, policies and calendar overrides in the DynamoDB store', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-directives');
  });

  it('lists directives newest first by issue date', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'directive', value: directive('d-jan', { issuedOn: '2026-01-13' }) } },
      { op: 'put', entity: { kind: 'directive', value: directive('d-mar', { issuedOn: '2026-03-02' }) } },
      { op: 'put', entity: { kind: 'directive', value: directive('d-feb', { issuedOn: '2026-02-20' }) } },
    ]);

    const page = await t.store.listDirectives();

    expect(page.items.map((d) => d.id)).toEqual(['d-mar', 'd-feb', 'd-jan']);
  });

  it('pages through directives with a cursor', async () => {
    const first = await t.store.listDirectives({ limit: 2 });
    const second = await t.store.listDirectives({ limit: 2, cursor: first.cursor });

    expect([...first.items, ...second.items].map((d) => d.id)).toEqual(['d-mar', 'd-feb', 'd-jan']);
  });

  it('returns a directive by id', async () => {
    expect(await t.store.getDirective('d-feb')).toEqual(directive('d-feb', { issuedOn: '2026-02-20' }));
  });

  it("lists a directive's tasks and not the directive itself or another directive's tasks", async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'task', value: task('d-jan', 't1') } },
      { op: 'put', entity: { kind: 'task', value: task('d-jan', 't2', { recurrence: 'FREQ=MONTHLY' }) } },
      { op: 'put', entity: { kind: 'task', value: task('d-feb', 't3') } },
    ]);

    const tasks = await t.store.listTasks('d-jan');

    expect(tasks.map((x) => x.id)).toEqual(['t1', 't2']);
  });

  it('returns one task of a directive', async () => {
    expect(await t.store.getTask('d-feb', 't3')).toEqual(task('d-feb', 't3'));
  });

  it('stores, gets and lists policies by name', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'policy', value: policy('mac-dinh') }, expect: 'absent' },
      { op: 'put', entity: { kind: 'policy', value: policy('hoa-toc') }, expect: 'absent' },
    ]);

    expect(await t.store.getPolicy('mac-dinh')).toEqual(policy('mac-dinh'));
    expect((await t.store.listPolicies()).map((p) => p.name)).toEqual(['hoa-toc', 'mac-dinh']);
  });

  it('refuses a second policy of the same name', async () => {
    const attempt = t.store.write([
      { op: 'put', entity: { kind: 'policy', value: policy('mac-dinh') }, expect: 'absent' },
    ]);

    await expect(attempt).rejects.toThrow(new ConflictError('policy mac-dinh already exists'));
  });

  it('lists calendar overrides in date order and deletes one', async () => {
    await t.store.write([
      {
        op: 'put',
        entity: { kind: 'override', value: { date: '2026-09-01', kind: 'off', reason: 'nghỉ bù' } },
      },
      {
        op: 'put',
        entity: { kind: 'override', value: { date: '2026-02-14', kind: 'working', reason: 'làm bù' } },
      },
      { op: 'put', entity: { kind: 'override', value: { date: '2026-05-04', kind: 'off', reason: 'nghỉ' } } },
    ]);
    await t.store.write([{ op: 'delete', ref: { kind: 'override', date: '2026-05-04' } }]);

    const overrides = await t.store.listOverrides();

    expect(overrides).toEqual([
      { date: '2026-02-14', kind: 'working', reason: 'làm bù' },
      { date: '2026-09-01', kind: 'off', reason: 'nghỉ bù' },
    ]);
  });
});
