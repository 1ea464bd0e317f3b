import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDigestQueue } from '#adapters/dynamodb/digest-queue';
import { countRequests } from '#local/runtime/request-counter';
import type { PersonalLink } from '#ports/links';
import type { Assignment, Reminder } from '#schemas/entities';
import { dispatchCheck, sendDigest } from '#usecases/engine/index';
import { assignment, createEngine, type Engine, seedProvince } from './harness.ts';

let e: Engine;

beforeEach(async () => {
  e = await createEngine('engine-sends', '2026-03-20T01:00:10.000Z'); // Fri 20/03/2026 08:00:10 local
  await seedProvince(e);
});

async function dueNow(id: string, extra: Partial<Assignment> = {}) {
  const value = { ...assignment(id), nextCheckAt: '2026-03-20T01:00:00.000Z', ...extra };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);
}

const headDigest = () => {
  const id = e.deps.digests.ids().find((d) => d.endsWith('.gd'));
  if (!id) throw new Error('no digest for the head');
  return id;
};

describe('the writes of one send', { timeout: 60_000 }, () => {
  it('claims a digest it created with its items in one transaction and records the send in one more', async () => {
    await dueNow('a1');
    await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });
    e.clock.set('2026-03-20T01:02:10.000Z');
    const requests = countRequests(e.table.client);

    const result = await sendDigest(e.deps, headDigest());

    // Besides the reference data (policies, calendar, directory: a query each; the directive):
    // no read of the digest or the assignment, no write but the two transactions.
    const counts = requests.counts();
    expect(result).toMatchObject({ outcome: 'sent', items: 1 });
    expect(counts.TransactWriteItems).toBe(2);
    expect(requests.total(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'])).toBe(0);
    expect(counts.GetItem).toBe(1); // the directive
    expect(counts.Query).toBe(3);
  });

  it('reads the digest when another sender added to it, and sends every item in one message', async () => {
    await dueNow('a1');
    await dueNow('a2');
    await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });
    const elsewhere = { ...e.deps, digests: new DynamoDigestQueue(e.table.doc, e.table.tableName, e.clock) };
    await dispatchCheck(elsewhere, { v: 1, assignmentId: 'a2', planVersion: 1 }); // another container
    e.clock.set('2026-03-20T01:02:10.000Z');

    const result = await sendDigest(e.deps, headDigest());

    expect(result).toMatchObject({ outcome: 'sent', items: 2 });
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('takes a change made since the item was queued into the text, by reading the moved assignment', async () => {
    await dueNow('a1');
    await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });
    const queued = (await e.deps.store.getAssignment('a1')) as Assignment;
    const renamed = { ...queued, title: 'Báo cáo kết quả quý I', version: queued.version + 1 };
    await e.deps.store.write([
      { op: 'put', entity: { kind: 'assignment', value: renamed }, expect: queued.version },
    ]);
    e.clock.set('2026-03-20T01:02:10.000Z');

    await sendDigest(e.deps, headDigest());

    const log = (await e.deps.store.listReminders('a1')).items.find((r) => r.key.endsWith('/gd'));
    expect(log?.outcome).toBe('sent');
    expect(log?.text).toContain('"Bao cao ket qua quy I"');
  });

  it('claims a message of 120 items in two transactions of at most 100 writes, its link with the first', async () => {
    const records = Array.from(
      { length: 120 },
      (_, i): Reminder => ({
        assignmentId: `bulk-${i}`,
        key: 'v1#0#0#sms#so-noi-vu/gd',
        step: 0,
        send: 0,
        channel: 'sms',
        recipient: 'gd',
        unitId: 'so-noi-vu',
        plannedAt: '2026-03-20T01:00:00.000Z',
        at: '2026-03-20T01:02:10.000Z',
        outcome: 'pending',
        attempts: 1,
      }),
    );
    const link: PersonalLink = {
      id: 'l-bulk',
      unitId: 'so-noi-vu',
      contactId: 'gd',
      assignmentIds: ['bulk-0'],
      channel: 'sms',
      createdAt: '2026-03-20T01:02:10.000Z',
      createdBy: 'send:digest.sms.202603200800.so-noi-vu.gd',
      validUntil: '2026-04-19T01:02:10.000Z',
    };
    const requests = countRequests(e.table.client);

    const result = await e.deps.digests.claimItems(
      records.map((record) => ({ record })),
      [],
      { link },
    );

    expect(result).toMatchObject({ stale: [], linkWritten: true });
    expect(result.won).toHaveLength(120);
    expect(requests.counts()).toEqual({ TransactWriteItems: 2, total: 2 });
    expect(await e.deps.links.get('l-bulk')).toMatchObject({ assignmentIds: ['bulk-0'] });
  });
});
