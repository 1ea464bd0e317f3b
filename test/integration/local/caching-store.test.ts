import { describe, expect, it } from 'vitest';
import { CachingStore } from '#local/runtime/caching-store';
import { countRequests } from '#local/runtime/request-counter';
import { createTestTable } from '#test/support/table';
import { contact, unit } from '../store/builders.ts';

async function setup() {
  const table = await createTestTable('caching-store');
  const store = new CachingStore(table.store);
  await store.write([
    { op: 'put', entity: { kind: 'unit', value: unit('so-noi-vu') } },
    { op: 'put', entity: { kind: 'contact', value: contact('so-noi-vu', 'gd') } },
  ]);
  const counter = countRequests(table.client);
  return { table, store, counter };
}

describe('the local read cache', () => {
  it('answers a second read of the same contacts without a request', async () => {
    // Prepare
    const { store, counter } = await setup();
    const first = await store.listContacts('so-noi-vu');
    // Act
    const second = await store.listContacts('so-noi-vu');
    // Assess
    expect([second, counter.total()]).toEqual([first, 1]);
  });

  it('reads a contact again after a write through it changed the contact', async () => {
    // Prepare
    const { store } = await setup();
    const [before] = await store.listContacts('so-noi-vu');
    if (!before) throw new Error('no contact');
    // Act
    await store.write([
      {
        op: 'put',
        entity: { kind: 'contact', value: { ...before, emailStatus: 'confirmed', version: 2 } },
        expect: 1,
      },
    ]);
    // Assess
    expect((await store.listContacts('so-noi-vu'))[0]?.emailStatus).toBe('confirmed');
  });

  it('never keeps a read that overlapped a write of the same kind', async () => {
    // Prepare
    const { store } = await setup();
    const reading = store.getUnit('so-noi-vu');
    const writing = store.write([
      { op: 'put', entity: { kind: 'unit', value: unit('so-noi-vu', { name: 'Sở Nội vụ', version: 2 }) } },
    ]);
    await Promise.all([reading, writing]);
    // Act
    const after = await store.getUnit('so-noi-vu');
    // Assess
    expect(after?.name).toBe('Sở Nội vụ');
  });

  it('hands out copies, so a caller changing what it got does not change the cache', async () => {
    // Prepare
    const { store } = await setup();
    const first = await store.getUnit('so-noi-vu');
    if (!first) throw new Error('no unit');
    first.name = 'changed by a caller';
    // Act
    const second = await store.getUnit('so-noi-vu');
    // Assess
    expect(second?.name).toBe('Unit so-noi-vu');
  });

  it('always reads assignments from the table (they carry the send guards)', async () => {
    // Prepare
    const { store, counter } = await setup();
    await store.getAssignment('a1');
    // Act
    await store.getAssignment('a1');
    // Assess
    expect(counter.counts()).toEqual({ total: 2, GetItem: 2 });
  });
});
