import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smsInfo } from '#domain/sms';
import { LocalEmailSubscriptions } from '#local/runtime/email-subscriptions';
import { OutboxNotifier } from '#local/runtime/outbox';
import { VirtualClock } from '#local/runtime/virtual-clock';
import { ThrottledSendError } from '#ports/notifier';
import { createTestTable } from '#test/support/table';

const directory = {
  byPhone: async (phone: string) =>
    phone === '+84912345678' ? { unitId: 'so-noi-vu', contactId: 'nv-head', name: 'A' } : undefined,
  byEmail: async (email: string) =>
    email === 'head@example.vn' ? { unitId: 'so-noi-vu', contactId: 'nv-head', name: 'A' } : undefined,
};

async function setup(confirmAfterMs = 60_000) {
  const table = await createTestTable('outbox');
  const clock = new VirtualClock(new Date('2026-03-02T01:00:00Z'));
  const subscriptions = new LocalEmailSubscriptions({
    doc: table.doc,
    tableName: table.tableName,
    clock,
    confirmAfterMs,
  });
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-outbox-'));
  const outbox = new OutboxNotifier({
    clock,
    directory,
    confirmedAddresses: (arn) => subscriptions.confirmedAddresses(arn),
    smsInfo,
    dir,
  });
  return { clock, subscriptions, outbox, dir };
}

describe('the outbox', () => {
  it('writes an SMS as a JSON file naming unit, contact and segments', async () => {
    // Prepare
    const { outbox, dir } = await setup();
    // Act
    await outbox.sendSms({ phone: '+84912345678', text: 'Nhac viec: han 05/03' });
    // Assess
    const [file] = await readdir(dir);
    expect(JSON.parse(await readFile(join(dir, file ?? ''), 'utf8'))).toMatchObject({
      channel: 'sms',
      unitId: 'so-noi-vu',
      contactId: 'nv-head',
      to: '+84912345678',
      text: 'Nhac viec: han 05/03',
      segments: 1,
      encoding: 'GSM-7',
      at: '2026-03-02T01:00:00.000Z',
    });
  });

  it('delivers an email only to the confirmed subscribers of the topic', async () => {
    // Prepare
    const { outbox, subscriptions, clock } = await setup(60_000);
    const topic = await subscriptions.ensureTopic({ unitId: 'so-noi-vu', contactId: 'nv-head' });
    await subscriptions.subscribe(topic, 'Head@example.vn');
    clock.advanceBy(60_000);
    await subscriptions.subscribe(topic, 'late@example.vn');
    // Act
    await outbox.sendEmail({
      unitId: 'so-noi-vu',
      contactId: 'nv-head',
      topicArn: topic,
      subject: 'Nhắc việc',
      body: 'Nội dung',
    });
    // Assess
    expect(outbox.messages.map((m) => [m.channel, m.to, m.contactId])).toEqual([
      ['email', 'head@example.vn', 'nv-head'],
    ]);
  });
});

describe('the local email subscriptions', () => {
  it('are pending at first and confirmed once the confirmation delay has passed', async () => {
    // Prepare
    const { subscriptions, clock } = await setup(60_000);
    const topic = await subscriptions.ensureTopic({ unitId: 'so-noi-vu', contactId: 'nv-head' });
    const answer = await subscriptions.subscribe(topic, 'head@example.vn');
    const before = (await subscriptions.statuses(topic)).get('head@example.vn')?.status;
    // Act
    clock.advanceBy(60_000);
    // Assess
    const after = (await subscriptions.statuses(topic)).get('head@example.vn');
    expect([answer, before, after?.status, after?.subscriptionArn?.startsWith(topic)]).toEqual([
      'pending confirmation',
      'pending',
      'confirmed',
      true,
    ]);
  });

  it('forget the address of a deleted topic', async () => {
    // Prepare
    const { subscriptions } = await setup(0);
    const topic = await subscriptions.ensureTopic({ unitId: 'so-noi-vu', contactId: 'nv-head' });
    await subscriptions.subscribe(topic, 'head@example.vn');
    // Act
    await subscriptions.deleteTopic(topic);
    // Assess
    expect((await subscriptions.statuses(topic)).size).toBe(0);
  });

  it('forget an address once unsubscribed', async () => {
    // Prepare
    const { subscriptions, clock } = await setup(0);
    const topic = await subscriptions.ensureTopic({ unitId: 'so-noi-vu', contactId: 'nv-head' });
    const arn = await subscriptions.subscribe(topic, 'head@example.vn');
    clock.advanceBy(1);
    // Act
    await subscriptions.unsubscribe(arn);
    // Assess
    expect((await subscriptions.statuses(topic)).size).toBe(0);
  });
});

describe('the outbox as a rate-limited sender ID', () => {
  it('throttles an SMS that would exceed the parts per second of the last second, as AWS does', async () => {
    // Prepare: 2 parts per second
    const clock = new VirtualClock(new Date('2026-03-02T01:00:00Z'));
    const outbox = new OutboxNotifier({
      clock,
      directory,
      confirmedAddresses: async () => [],
      smsInfo,
      partsPerSecond: 2,
    });
    const sms = { phone: '+84912345678', text: 'Nhac viec: han 05/03' };
    await outbox.sendSms(sms);
    await outbox.sendSms(sms);
    // Act
    const third = outbox.sendSms(sms);
    // Assess
    await expect(third).rejects.toBeInstanceOf(ThrottledSendError);
    clock.advanceBy(1000);
    await expect(outbox.sendSms(sms)).resolves.toMatchObject({ messageId: expect.any(String) });
    expect(outbox.throttled).toBe(1);
    expect(outbox.messages).toHaveLength(3);
  });
});
