import { beforeAll, describe, expect, it } from 'vitest';
import type { Write } from '#ports/store';
import { ConflictError, ValidationError } from '#shared/errors';
import { createTestTable, type TestTable } from '#test/support/table';
import { assignment, unit } from './builders.ts';

describe('writes with optimistic locking and transactions', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-write');
  });

  it('replaces an item when the stored version is the expected one', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'assignment', value: assignment('a-ok') }, expect: 'absent' },
    ]);

    await t.store.write([
      {
        op: 'put',
        entity: { kind: 'assignment', value: assignment('a-ok', { progress: 40, version: 2 }) },
        expect: 1,
      },
    ]);

    expect(await t.store.getAssignment('a-ok')).toMatchObject({ progress: 40, version: 2 });
  });

  it('rejects a stale write with a ConflictError naming the item and the version, and keeps the stored item', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'assignment', value: assignment('a-stale', { version: 3 }) } },
    ]);
    const stale = assignment('a-stale', { progress: 90, version: 3 });

    const attempt = t.store.write([{ op: 'put', entity: { kind: 'assignment', value: stale }, expect: 2 }]);

    await expect(attempt).rejects.toThrow(
      new ConflictError('assignment a-stale was changed by someone else (version 2 expected)'),
    );
    expect(await t.store.getAssignment('a-stale')).toMatchObject({ progress: 0, version: 3 });
  });

  it('rejects a delete with a stale version and keeps the item', async () => {
    await t.store.write([{ op: 'put', entity: { kind: 'unit', value: unit('so-del', { version: 5 }) } }]);

    const attempt = t.store.write([{ op: 'delete', ref: { kind: 'unit', id: 'so-del' }, expect: 4 }]);

    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(await t.store.getUnit('so-del')).toBeDefined();
  });

  it('writes every item of a transaction when all conditions hold', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'unit', value: unit('tx-1') }, expect: 'absent' },
      {
        op: 'put',
        entity: { kind: 'assignment', value: assignment('tx-a1', { unitId: 'tx-1' }) },
        expect: 'absent',
      },
    ]);

    expect([await t.store.getUnit('tx-1'), await t.store.getAssignment('tx-a1')]).toEqual([
      expect.objectContaining({ id: 'tx-1' }),
      expect.objectContaining({ id: 'tx-a1' }),
    ]);
  });

  it('writes none of the items of a transaction when one condition fails, and names the failing item', async () => {
    await t.store.write([{ op: 'put', entity: { kind: 'unit', value: unit('tx-taken') } }]);

    const attempt = t.store.write([
      { op: 'put', entity: { kind: 'assignment', value: assignment('tx-new-1') }, expect: 'absent' },
      { op: 'put', entity: { kind: 'unit', value: unit('tx-taken') }, expect: 'absent' },
      { op: 'put', entity: { kind: 'assignment', value: assignment('tx-new-2') }, expect: 'absent' },
    ]);

    await expect(attempt).rejects.toThrow(new ConflictError('unit tx-taken already exists'));
    expect([await t.store.getAssignment('tx-new-1'), await t.store.getAssignment('tx-new-2')]).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('rolls back a transaction whose version check fails', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'assignment', value: assignment('tx-v', { version: 7 }) } },
    ]);

    const attempt = t.store.write([
      { op: 'put', entity: { kind: 'unit', value: unit('tx-side') }, expect: 'absent' },
      { op: 'put', entity: { kind: 'assignment', value: assignment('tx-v', { version: 7 }) }, expect: 6 },
    ]);

    await expect(attempt).rejects.toThrow(
      /assignment tx-v was changed by someone else \(version 6 expected\)/,
    );
    expect(await t.store.getUnit('tx-side')).toBeUndefined();
  });

  it('rejects more than 100 writes in one change before writing anything', async () => {
    const writes: Write[] = Array.from({ length: 101 }, (_, i) => ({
      op: 'put',
      entity: { kind: 'unit', value: unit(`too-many-${i}`) },
    }));

    await expect(t.store.write(writes)).rejects.toBeInstanceOf(ValidationError);
    expect(await t.store.getUnit('too-many-0')).toBeUndefined();
  });

  it('writes unconditionally when no expectation is given', async () => {
    await t.store.write([{ op: 'put', entity: { kind: 'unit', value: unit('free', { name: 'A' }) } }]);

    await t.store.write([{ op: 'put', entity: { kind: 'unit', value: unit('free', { name: 'B' }) } }]);

    expect((await t.store.getUnit('free'))?.name).toBe('B');
  });

  it('does nothing for an empty list of writes', async () => {
    await expect(t.store.write([])).resolves.toBeUndefined();
  });
});
