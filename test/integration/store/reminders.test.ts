import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '#shared/errors';
import { createTestTable, type TestTable } from '#test/support/table';
import { reminder } from './builders.ts';

describe('the reminder log and its send guard', () => {
  let t: TestTable;
  beforeAll(async () => {
    t = await createTestTable('store-reminders');
  });

  it('claims a send that nobody holds', async () => {
    expect(await t.store.claimReminder(reminder('a-first'))).toBe(true);
  });

  it('refuses a second claim of the same send', async () => {
    await t.store.claimReminder(reminder('a-twice'));

    expect(await t.store.claimReminder(reminder('a-twice', { at: '2026-04-23T01:05:00.000Z' }))).toBe(false);
  });

  it('lets a failed send be claimed again when failed is reclaimable', async () => {
    await t.store.claimReminder(reminder('a-retry'));
    await t.store.updateReminder(reminder('a-retry', { outcome: 'failed', detail: 'throttled' }));

    const again = await t.store.claimReminder(reminder('a-retry', { attempts: 2 }), ['failed']);

    expect(again).toBe(true);
  });

  it('does not let a sent send be reclaimed', async () => {
    await t.store.claimReminder(reminder('a-sent'));
    await t.store.updateReminder(reminder('a-sent', { outcome: 'sent', messageId: 'm-1', segments: 1 }));

    expect(await t.store.claimReminder(reminder('a-sent', { attempts: 2 }), ['failed'])).toBe(false);
  });

  it('grants exactly one of 20 concurrent claims of one send', async () => {
    const claims = Array.from({ length: 20 }, (_, i) =>
      t.store.claimReminder(
        reminder('a-race', { at: `2026-04-23T01:00:${String(i).padStart(2, '0')}.000Z` }),
      ),
    );

    const results = await Promise.all(claims);

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('grants exactly one of 20 concurrent reclaims of a failed send', async () => {
    await t.store.claimReminder(reminder('a-race-retry'));
    await t.store.updateReminder(reminder('a-race-retry', { outcome: 'failed' }));

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.store.claimReminder(reminder('a-race-retry', { attempts: 2 }), ['failed']),
      ),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('records the outcome of a claimed send', async () => {
    await t.store.claimReminder(reminder('a-outcome'));
    const sent = reminder('a-outcome', { outcome: 'sent', messageId: 'm-9', segments: 2, text: 'Nhắc việc' });

    await t.store.updateReminder(sent);

    expect((await t.store.listReminders('a-outcome')).items).toEqual([sent]);
  });

  it('refuses to record the outcome of a send that was never claimed', async () => {
    await expect(t.store.updateReminder(reminder('a-unclaimed', { outcome: 'sent' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('expires reminder records 400 days after the send', async () => {
    await t.store.claimReminder(reminder('a-ttl', { at: '2026-04-23T01:00:00.000Z' }));

    const raw = await t.doc.send(
      new GetCommand({ TableName: t.tableName, Key: { PK: 'ASG#a-ttl', SK: 'REM#0#1#sms#c1' } }),
    );

    expect(raw.Item?.expiresAt).toBe(Date.UTC(2026, 3, 23, 1) / 1000 + 400 * 86_400);
  });

  it("pages through an assignment's reminder log", async () => {
    const keys = ['0#1#sms#c1', '0#1#email#so-noi-vu', '1#1#sms#c1', '1#2#sms#c1', '2#1#sms#c2'];
    for (const key of keys) await t.store.claimReminder(reminder('a-log', { key }));

    const first = await t.store.listReminders('a-log', { limit: 3 });
    const second = await t.store.listReminders('a-log', { limit: 3, cursor: first.cursor });

    expect([...first.items, ...second.items].map((r) => r.key)).toEqual([...keys].sort());
    expect(second.cursor).toBeUndefined();
  });
});
