import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoLinkStore, ensureLinkUpdate } from '#adapters/dynamodb/links';
import type { PersonalLink } from '#ports/links';
import { createTestTable, type TestTable } from '#test/support/table';

const link = (id: string, extra: Partial<PersonalLink> = {}): PersonalLink => ({
  id,
  unitId: 'so-noi-vu',
  contactId: 'gd',
  assignmentIds: ['a1', 'a2'],
  channel: 'sms',
  createdAt: '2026-03-20T01:02:10.000Z',
  createdBy: 'send:digest.sms.202603200800.so-noi-vu.gd',
  validUntil: '2026-04-19T01:02:10.000Z',
  ...extra,
});

describe('the send path’s link write (ensure)', () => {
  let t: TestTable;
  let links: DynamoLinkStore;
  beforeAll(async () => {
    t = await createTestTable('store-links');
    links = new DynamoLinkStore(t.doc, t.tableName);
  });

  it('stores a new link, found by its id and listed with its contact', async () => {
    await links.ensure(link('l-new'));

    expect(await links.get('l-new')).toEqual(link('l-new'));
    expect((await links.listOfContact('so-noi-vu', 'gd')).map((l) => l.id)).toContain('l-new');
  });

  it('keeps the first link when the same message mints it again later', async () => {
    await links.ensure(link('l-again'));

    await links.ensure(link('l-again', { createdAt: '2026-03-20T01:08:10.000Z', assignmentIds: ['a1'] }));

    expect(await links.get('l-again')).toEqual(link('l-again'));
  });

  it('leaves a revoked link revoked', async () => {
    await links.ensure(link('l-revoked'));
    await links.revoke('l-revoked', 'admin', '2026-03-20T02:00:00.000Z');

    await links.ensure(link('l-revoked'));

    expect(await links.get('l-revoked')).toMatchObject({ revokedAt: '2026-03-20T02:00:00.000Z' });
  });

  it('joins a transaction with other writes as one update that a replay does not fail', async () => {
    const write = () =>
      t.doc.send(
        new TransactWriteCommand({
          TransactItems: [{ Update: ensureLinkUpdate(t.tableName, link('l-tx')) }],
        }),
      );

    await write();
    await write();

    expect(await links.get('l-tx')).toEqual(link('l-tx'));
  });
});
