import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { reminderSms } from '#domain/messages';
import type { Assignment } from '#schemas/entities';
import { dispatchCheck, sendDigest, sweep } from '#usecases/engine/index';
import { assignment, createEngine, type Engine, seedProvince, snsThrottled, TOPIC } from './harness.ts';

let e: Engine;

beforeEach(async () => {
  e = await createEngine('engine-robust', '2026-03-20T01:00:10.000Z'); // Fri 20/03/2026 08:00:10 local, due day
  await seedProvince(e);
});

/** An assignment whose check (the 0wd SMS step, 08:00 today) is due now. */
async function dueNow(id: string, extra: Partial<Assignment> = {}) {
  const value = { ...assignment(id), nextCheckAt: '2026-03-20T01:00:00.000Z', ...extra };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);
}

const digestIds = () => e.deps.digests.ids();

async function flushAll(at: string) {
  e.clock.set(at);
  for (const id of digestIds()) await sendDigest(e.deps, id).catch(() => undefined);
}

// Hundreds of conditional writes on one DynamoDB Local: a generous timeout (no speed is asserted).
describe('duplicate and concurrent fires', { timeout: 180_000 }, () => {
  it('sends exactly one message per recipient when 50 identical fires arrive at once', async () => {
    await dueNow('a1');

    await Promise.all(
      Array.from({ length: 50 }, () => dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 })),
    );
    e.clock.set('2026-03-20T01:02:10.000Z');
    await Promise.all(digestIds().flatMap((id) => Array.from({ length: 50 }, () => sendDigest(e.deps, id))));

    const phones = e.sns.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber);
    expect(phones.sort()).toEqual(['+84912345678', '+84987654321']);
  });

  it('creates one digest per recipient and one drain schedule for the window, however many fires add to it', async () => {
    await dueNow('a1');

    await Promise.all(
      Array.from({ length: 50 }, () => dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 })),
    );

    expect(digestIds()).toEqual(
      expect.arrayContaining([
        'digest.sms.202603200800.so-noi-vu.gd',
        'digest.sms.202603200800.so-noi-vu.cv',
      ]),
    );
    expect(digestIds()).toHaveLength(2);
    const creates = e.scheduler.mock.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input.Name);
    expect(creates).toEqual(['check-window.202603200800']);
  });

  it('logs one record per (step, send, channel, recipient)', async () => {
    await dueNow('a1');

    await Promise.all(
      Array.from({ length: 50 }, () => dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 })),
    );
    e.clock.set('2026-03-20T01:02:10.000Z');
    await Promise.all(digestIds().flatMap((id) => Array.from({ length: 20 }, () => sendDigest(e.deps, id))));

    const log = (await e.deps.store.listReminders('a1')).items;
    expect(log.map((r) => [r.key, r.outcome]).sort()).toEqual([
      ['v1#2#1#sms#so-noi-vu/cv', 'sent'],
      ['v1#2#1#sms#so-noi-vu/gd', 'sent'],
    ]);
  });

  it('does not resend when the same check fires again after the digest went out', async () => {
    await dueNow('a1');
    await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });
    await flushAll('2026-03-20T01:02:10.000Z');
    const restore = (await e.deps.store.getAssignment('a1')) as Assignment;
    await e.deps.store.write([
      {
        op: 'put',
        entity: { kind: 'assignment', value: { ...restore, nextCheckAt: '2026-03-20T01:00:00.000Z' } },
      },
    ]);

    e.clock.set('2026-03-20T01:10:00.000Z');
    const again = await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });

    expect(again.queued).toBe(0);
  });
});

describe('SNS failures', () => {
  it('retries a throttled digest and sends it once, recording the attempts', async () => {
    await dueNow('a1');
    e.sns.on(PublishCommand).rejectsOnce(snsThrottled()).resolves({ MessageId: 'msg-ok' });
    await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });
    const [id] = digestIds().filter((d) => d.endsWith('.gd'));
    if (!id) throw new Error('no digest');
    e.clock.set('2026-03-20T01:02:10.000Z');

    await expect(sendDigest(e.deps, id)).rejects.toThrow(/Throttling/);
    const failed = (await e.deps.store.listReminders('a1')).items.find((r) => r.recipient === 'gd');
    await sendDigest(e.deps, id);

    const sent = (await e.deps.store.listReminders('a1')).items.find((r) => r.recipient === 'gd');
    expect(failed).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(sent).toMatchObject({ outcome: 'sent', messageId: 'msg-ok', attempts: 2 });
  });
});

describe('one message per recipient per send window', () => {
  it('sends a unit head with five overdue tasks ONE SMS listing them, and logs five items', async () => {
    await e.deps.store.write([
      {
        op: 'put',
        entity: {
          kind: 'policy',
          value: {
            name: 'chi-sms',
            sendAt: '08:00',
            quietHours: { start: '21:00', end: '07:00' },
            smsDiacritics: 'strip',
            steps: [{ offset: '+1wd', times: 1, channels: ['sms'], to: ['parent'] }],
            version: 1,
            createdAt: '2026-01-05T01:00:00.000Z',
            updatedAt: '2026-01-05T01:00:00.000Z',
          },
        },
      },
    ]);
    e.clock.set('2026-03-23T01:00:05.000Z'); // Mon 23/03 08:00: +1wd after Fri 20/03
    const ids = ['q1', 'q2', 'q3', 'q4', 'q5'];
    for (const id of ids) await dueNow(id, { policy: 'chi-sms', nextCheckAt: '2026-03-23T01:00:00.000Z' });

    for (const id of ids) await dispatchCheck(e.deps, { v: 1, assignmentId: id, planVersion: 1 });
    await flushAll('2026-03-23T01:02:05.000Z');

    const publishes = e.sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(publishes).toHaveLength(1);
    expect(publishes[0]?.PhoneNumber).toBe('+84911111111'); // the parent (office) head
    const items = ids.map((id) => ({
      unitName: 'Sở Nội vụ',
      taskTitle: `Báo cáo ${id}`,
      directiveNumber: '276/UBND-NCPC',
      dueAt: new Date('2026-03-20T16:59:59.999Z'),
      status: 'overdue' as const,
      daysLeft: -3,
    }));
    expect(publishes[0]?.Message).toBe(reminderSms(items, { lang: 'vi', mode: 'strip' }));
    const logs = await Promise.all(ids.map(async (id) => (await e.deps.store.listReminders(id)).items));
    expect(logs.flat().map((r) => [r.outcome, r.messageId])).toEqual(Array(5).fill(['sent', 'msg-1']));
  });

  it('holds a reminder due in quiet hours until the next morning', async () => {
    e.clock.set('2026-03-20T15:00:00.000Z'); // 22:00 local
    await e.deps.store.write([
      {
        op: 'put',
        entity: {
          kind: 'assignment',
          value: { ...assignment('late'), nextCheckAt: '2026-03-20T01:00:00.000Z' },
        },
      },
    ]);

    const result = await dispatchCheck(e.deps, { v: 1, assignmentId: 'late', planVersion: 1 });

    expect(result).toMatchObject({ held: 2 });
    expect(digestIds()).toContain('digest.sms.202603230800.so-noi-vu.gd'); // Monday 08:00
    const log = (await e.deps.store.listReminders('late')).items;
    expect(log.every((r) => r.outcome === 'held')).toBe(true);
  });
});

describe('the sweep', () => {
  it('dispatches a check that was never fired; its next check, at 08:00, is left to the window tick', async () => {
    await dueNow('lost', { nextCheckAt: '2026-03-19T01:00:00.000Z' }); // yesterday's check never fired
    e.clock.set('2026-03-20T00:30:00.000Z'); // 07:30 local

    const result = await sweep(e.deps);

    expect(result).toMatchObject({ missedChecks: 1, dispatched: 1, rescheduled: 0 });
    expect(digestIds().length).toBeGreaterThan(0);
    expect((await e.deps.store.getAssignment('lost'))?.nextCheckAt).toBe('2026-03-20T01:00:00.000Z');
  });

  it('sends a digest whose schedule never fired', async () => {
    await dueNow('a1');
    await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });
    e.clock.set('2026-03-21T00:30:00.000Z');

    const result = await sweep(e.deps);

    expect(result.digestsSent).toBe(2);
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('refreshes the email status of a pending contact from their own topic', async () => {
    e.subscriptions.topics.set(
      TOPIC,
      new Map([['giamdoc@snv.gov.vn', { status: 'confirmed' as const, subscriptionArn: 'arn:sub:1' }]]),
    );

    const result = await sweep(e.deps);

    expect(result.contactsUpdated).toBe(1);
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({
      emailStatus: 'confirmed',
      subscriptionArn: 'arn:sub:1',
    });
  });

  it('resends a digest whose sender crashed after claiming it (at-least-once), once its lease expired', async () => {
    await dueNow('a1');
    await dispatchCheck(e.deps, { v: 1, assignmentId: 'a1', planVersion: 1 });
    const [id] = digestIds();
    if (!id) throw new Error('no digest');
    e.clock.set('2026-03-20T01:02:10.000Z');
    await e.deps.digests.claim(id, e.clock.now().toISOString(), '2000-01-01T00:00:00.000Z'); // the crashed sender

    const during = await sendDigest(e.deps, id);
    e.clock.set('2026-03-20T01:08:10.000Z');
    const after = await sendDigest(e.deps, id);

    expect(during.outcome).toBe('taken');
    expect(after.outcome).toBe('sent');
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(1);
  });
});
