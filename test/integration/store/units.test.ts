import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '#shared/errors';
import { createTestTable, type TestTable } from '#test/support/table';
import { contact, unit } from './builders.ts';

describe('units and contacts in the DynamoDB store', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-units');
  });

  it('returns a created unit as the plain entity, without key attributes', async () => {
    const created = unit('so-noi-vu', { parentId: 'ubnd-tinh' });

    await t.store.write([{ op: 'put', entity: { kind: 'unit', value: created }, expect: 'absent' }]);

    expect(await t.store.getUnit('so-noi-vu')).toEqual(created);
  });

  it('tags the stored item with its entity kind', async () => {
    await t.store.write([{ op: 'put', entity: { kind: 'unit', value: unit('so-tai-chinh') } }]);

    const raw = await t.doc.send(
      new GetCommand({ TableName: t.tableName, Key: { PK: 'UNIT#so-tai-chinh', SK: 'UNIT' } }),
    );

    expect(raw.Item?.entity).toBe('unit');
  });

  it('refuses to create a unit twice with a ConflictError naming it', async () => {
    const write = { op: 'put', entity: { kind: 'unit', value: unit('so-y-te') }, expect: 'absent' } as const;
    await t.store.write([write]);

    await expect(t.store.write([write])).rejects.toThrow(new ConflictError('unit so-y-te already exists'));
  });

  it('returns undefined for a unit that does not exist', async () => {
    expect(await t.store.getUnit('khong-co')).toBeUndefined();
  });

  it('lists the contacts of one unit only', async () => {
    await t.store.write([
      { op: 'put', entity: { kind: 'contact', value: contact('so-xay-dung', 'c1') } },
      { op: 'put', entity: { kind: 'contact', value: contact('so-xay-dung', 'c2', { role: 'focal' }) } },
      { op: 'put', entity: { kind: 'contact', value: contact('so-cong-thuong', 'c3') } },
      { op: 'put', entity: { kind: 'unit', value: unit('so-xay-dung') } },
    ]);

    const contacts = await t.store.listContacts('so-xay-dung');

    expect(contacts.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('gets one contact of a unit', async () => {
    const stored = contact('so-gd', 'head-1', { email: 'gd@example.vn', emailStatus: 'pending' });
    await t.store.write([{ op: 'put', entity: { kind: 'contact', value: stored } }]);

    expect(await t.store.getContact('so-gd', 'head-1')).toEqual(stored);
  });

  it('deletes a contact by its ref', async () => {
    await t.store.write([{ op: 'put', entity: { kind: 'contact', value: contact('so-tp', 'c9') } }]);

    await t.store.write([{ op: 'delete', ref: { kind: 'contact', unitId: 'so-tp', id: 'c9' }, expect: 1 }]);

    expect(await t.store.getContact('so-tp', 'c9')).toBeUndefined();
  });
});

describe('paging through the units list', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-units-pages');
    const ids = Array.from({ length: 120 }, (_, i) => `unit-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < ids.length; i += 25) {
      await t.store.write(
        ids.slice(i, i + 25).map((id) => ({ op: 'put', entity: { kind: 'unit', value: unit(id) } })),
      );
    }
  });

  it('returns 120 units in pages of 50, 50 and 20, each unit once, in id order', async () => {
    const first = await t.store.listUnits();
    const second = await t.store.listUnits({ cursor: first.cursor });
    const third = await t.store.listUnits({ cursor: second.cursor });

    expect([first.items.length, second.items.length, third.items.length]).toEqual([50, 50, 20]);
    expect(third.cursor).toBeUndefined();
    const ids = [...first.items, ...second.items, ...third.items].map((u) => u.id);
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => `unit-${String(i).padStart(3, '0')}`));
  });

  it('caps the page size at 200', async () => {
    const page = await t.store.listUnits({ limit: 1000 });

    expect(page.items).toHaveLength(120);
  });

  it('rejects a tampered cursor with a ValidationError on cursor', async () => {
    const { cursor } = await t.store.listUnits({ limit: 10 });
    const tampered = `${cursor?.slice(0, -3)}xyz`;

    const error = await t.store.listUnits({ cursor: tampered }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: 'cursor', rule: 'invalid cursor' }]);
  });

  it('rejects a cursor whose key was edited to point into another partition', async () => {
    const { cursor } = await t.store.listUnits({ limit: 10 });
    const payload = JSON.parse(Buffer.from(cursor ?? '', 'base64url').toString());
    payload.k.GSI1PK = 'DIRECTIVES';
    const edited = Buffer.from(JSON.stringify(payload)).toString('base64url');

    await expect(t.store.listUnits({ cursor: edited })).rejects.toBeInstanceOf(ValidationError);
  });

  it('rejects a cursor of another list', async () => {
    const { cursor } = await t.store.listUnits({ limit: 10 });

    await expect(t.store.listDirectives({ cursor })).rejects.toBeInstanceOf(ValidationError);
  });

  it('rejects a page size below one', async () => {
    await expect(t.store.listUnits({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});
