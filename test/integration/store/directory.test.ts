import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { countRequests } from '#local/runtime/request-counter';
import { createTestTable, type TestTable } from '#test/support/table';
import { Directory } from '../../../shared/usecases/engine/recipients.ts';
import { contact, directive, unit } from './builders.ts';

describe('the directory: every unit and contact in one query', () => {
  let t: TestTable;
  beforeEach(async () => {
    t = await createTestTable('store-directory');
    await t.store.write([
      { op: 'put', entity: { kind: 'unit', value: unit('ubnd-tinh') } },
      { op: 'put', entity: { kind: 'unit', value: unit('so-noi-vu', { parentId: 'ubnd-tinh' }) } },
      { op: 'put', entity: { kind: 'contact', value: contact('so-noi-vu', 'gd') } },
      { op: 'put', entity: { kind: 'contact', value: contact('so-noi-vu', 'cv', { role: 'focal' }) } },
    ]);
  });

  it('lists the units and the contacts as plain entities', async () => {
    const { units, contacts } = await t.store.listDirectory();

    expect(units.map((u) => u.id).sort()).toEqual(['so-noi-vu', 'ubnd-tinh']);
    expect(contacts.map((c) => `${c.unitId}/${c.id}`).sort()).toEqual(['so-noi-vu/cv', 'so-noi-vu/gd']);
    expect(contacts[0]).not.toHaveProperty('GSI2PK');
  });

  it('answers a dispatch about several units with one request', async () => {
    const directory = new Directory(t.store);
    const requests = countRequests(t.client);

    const [parent, own] = await Promise.all([
      directory.unit('so-noi-vu'),
      directory.contactsOf('so-noi-vu'),
      directory.unit('ubnd-tinh'),
    ]);

    expect(parent?.parentId).toBe('ubnd-tinh');
    expect(own.map((c) => c.id).sort()).toEqual(['cv', 'gd']);
    expect(requests.counts()).toEqual({ Query: 1, total: 1 });
  });

  it('reads a unit and its contacts by key when the index does not hold them (items older than the index)', async () => {
    const old = (item: Record<string, unknown>) =>
      t.doc.send(new PutCommand({ TableName: t.tableName, Item: item }));
    await old({ PK: 'UNIT#so-y-te', SK: 'UNIT', entity: 'unit', ...unit('so-y-te') });
    await old({ PK: 'UNIT#so-y-te', SK: 'CONTACT#gd', entity: 'contact', ...contact('so-y-te', 'gd') });
    const directory = new Directory(t.store);

    expect((await directory.unit('so-y-te'))?.id).toBe('so-y-te');
    expect((await directory.contactsOf('so-y-te')).map((c) => c.id)).toEqual(['gd']);
  });

  it('reads the directives of a window in one request, then answers each without another', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'directive', value: directive('276-ubnd-ncpc') } },
      { op: 'put', entity: { kind: 'directive', value: directive('15-ct-ttg') } },
    ]);
    const directory = new Directory(t.store);
    const requests = countRequests(t.client);

    directory.prefetchDirectives(['276-ubnd-ncpc', '15-ct-ttg', '276-ubnd-ncpc', 'khong-co']);
    const found = await Promise.all(
      ['15-ct-ttg', '276-ubnd-ncpc', 'khong-co'].map((id) => directory.directive(id)),
    );

    expect(found.map((d) => d?.id)).toEqual(['15-ct-ttg', '276-ubnd-ncpc', undefined]);
    expect(requests.counts()).toEqual({ BatchGetItem: 1, total: 1 });
  });
});
