import { beforeAll, describe, expect, it } from 'vitest';
import { countRequests } from '#local/runtime/request-counter';
import type { EntityRef, Write } from '#ports/store';
import type { Unit } from '#schemas/entities';
import { createTestTable, type TestTable } from '#test/support/table';
import { unit } from './builders.ts';

describe('many items by key in one request (getEach)', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-batch-get');
    const writes: Write[] = Array.from({ length: 120 }, (_, i) => ({
      op: 'put',
      entity: { kind: 'unit', value: unit(`xa-${i}`) },
    }));
    for (let i = 0; i < writes.length; i += 100) await t.store.write(writes.slice(i, i + 100));
  });

  it('returns the items in the order asked, undefined where there is none, in one request', async () => {
    const requests = countRequests(t.client);

    const found = await t.store.getEach<Unit>([
      { kind: 'unit', id: 'xa-7' },
      { kind: 'unit', id: 'khong-co' },
      { kind: 'unit', id: 'xa-3' },
      { kind: 'unit', id: 'xa-7' },
    ]);

    expect(found.map((u) => u?.id)).toEqual(['xa-7', undefined, 'xa-3', 'xa-7']);
    expect(found[0]).not.toHaveProperty('PK');
    expect(requests.counts()).toEqual({ BatchGetItem: 1, total: 1 });
  });

  it('asks for more than 100 keys in chunks of 100', async () => {
    const refs: EntityRef[] = Array.from({ length: 120 }, (_, i) => ({ kind: 'unit', id: `xa-${i}` }));
    const requests = countRequests(t.client);

    const found = await t.store.getEach<Unit>(refs);

    expect(found.every((u, i) => u?.id === `xa-${i}`)).toBe(true);
    expect(requests.counts()).toEqual({ BatchGetItem: 2, total: 2 });
  });
});
