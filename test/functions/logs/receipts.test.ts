import { gzipSync } from 'node:zlib';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { linkId } from '#domain/link';
import type { Reminder } from '#schemas/entities';
import { createHandler, decodeLogs } from '../../../functions/logs/receipts.ts';
import fixtures from '../../fixtures/sns-sms-delivery-logs.json' with { type: 'json' };
import {
  assignment,
  createEngine,
  type Engine,
  lambdaContext,
  seedProvince,
  TOPIC,
} from '../../integration/engine/harness.ts';

const MSG_OK = fixtures.delivered.notification.messageId;
const MSG_FAIL = fixtures.blocked.notification.messageId;

/** A subscription-filter event as CloudWatch Logs delivers it: gzipped, base64, one record per log event. */
function logsEvent(records: unknown[], messageType = 'DATA_MESSAGE'): CloudWatchLogsEvent {
  const data = {
    messageType,
    owner: '123456789012',
    logGroup: 'sns/ap-southeast-1/123456789012/DirectPublishToPhoneNumber',
    logStream: '1e2b3c4d',
    subscriptionFilters: ['dondoc-test-receipts'],
    logEvents: records.map((r, i) => ({
      id: String(i),
      timestamp: 1773363726558,
      message: JSON.stringify(r),
    })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
}

let e: Engine;
let receive: ReturnType<typeof createHandler>;

/** An SMS to the head of so-noi-vu, logged as sent with its SNS message id (what the send path does). */
async function sentSms(assignmentId: string, messageId: string, contactId = 'gd'): Promise<Reminder> {
  const reminder: Reminder = {
    assignmentId,
    key: `v1#2#1#sms#so-noi-vu/${contactId}`,
    step: 2,
    send: 1,
    channel: 'sms',
    recipient: contactId,
    unitId: 'so-noi-vu',
    plannedAt: '2026-03-13T01:00:00.000Z',
    at: '2026-03-13T01:02:05.000Z',
    outcome: 'pending',
    attempts: 0,
  };
  await e.deps.store.claimReminder(reminder);
  const sent = {
    ...reminder,
    outcome: 'sent' as const,
    messageId,
    segments: 1,
    text: 'Nhac viec: ...',
    attempts: 1,
  };
  await e.deps.store.updateReminder(sent);
  return sent;
}

const log = async (assignmentId: string) => (await e.deps.store.listReminders(assignmentId)).items;

beforeEach(async () => {
  e = await createEngine('receipts', '2026-03-13T01:05:00.000Z');
  await seedProvince(e, { confirmedEmail: true });
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value: assignment('a1') } }]);
  receive = createHandler(e.deps);
});

describe('SMS delivery receipts from the SNS delivery-status logs', () => {
  it('reads the records of a subscription batch and skips what is not one', () => {
    const records = decodeLogs(logsEvent([fixtures.carrier, { hello: 'world' }, fixtures.blocked]));

    expect(records.map((r) => r.status)).toEqual(['SUCCESS', 'FAILURE']);
    expect(decodeLogs(logsEvent([], 'CONTROL_MESSAGE'))).toEqual([]);
  });

  it('records "đã gửi tới nhà mạng", then "đã nhận", on the reminder matched by message id', async () => {
    await sentSms('a1', MSG_OK);

    await receive(logsEvent([fixtures.carrier]), lambdaContext);
    const afterCarrier = (await log('a1'))[0]?.delivery;
    await receive(logsEvent([fixtures.delivered]), lambdaContext);

    expect(afterCarrier).toEqual({
      status: 'carrier',
      at: '2026-03-13T01:02:05.901Z',
      carrier: 'Viettel',
      detail: 'Message has been accepted by phone carrier',
    });
    expect((await log('a1'))[0]?.delivery).toMatchObject({
      status: 'delivered',
      at: '2026-03-13T01:02:06.558Z',
    });
  });

  it('keeps the final receipt when the carrier one comes late', async () => {
    await sentSms('a1', MSG_OK);

    await receive(logsEvent([fixtures.delivered, fixtures.carrier]), lambdaContext);

    expect((await log('a1'))[0]?.delivery?.status).toBe('delivered');
  });

  it('counts receipts of messages this stage never sent, and writes nothing', async () => {
    const result = await receive(logsEvent([fixtures.delivered]), lambdaContext);

    expect(result).toEqual({ recorded: 0, unmatched: 1, fallbacks: 0 });
  });

  it('sends a permanently failed SMS once by email to the same person, and the log says so', async () => {
    await sentSms('a1', MSG_FAIL);

    const first = await receive(logsEvent([fixtures.blocked]), lambdaContext);
    const again = await receive(logsEvent([fixtures.blocked]), lambdaContext);

    expect([first.fallbacks, again.fallbacks]).toEqual([1, 0]);
    const published = e.sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      TopicArn: TOPIC,
      Subject: '[Nhac viec] SMS khong toi duoc head gd',
    });
    expect(published[0]?.Message).toContain('Nhac viec: ...');
    const [sms, email] = await log('a1');
    expect(sms?.delivery).toMatchObject({
      status: 'failed',
      detail: 'Phone has blocked SMS',
      permanent: true,
    });
    expect(email).toMatchObject({
      key: 'v1#2#1#sms#so-noi-vu/gd#email-thay-sms',
      recipient: 'gd',
      channel: 'email',
      outcome: 'sent',
      detail: 'SMS lỗi (Phone has blocked SMS): gửi qua email thay thế',
    });
  });

  it('gives the email in place of a failed SMS its own personal link (the logged SMS text only has it masked)', async () => {
    e.deps.settings.linkBase = 'https://nhacviec.backan.gov.vn';
    const sms = await sentSms('a1', MSG_FAIL);
    await e.deps.store.updateReminder({
      ...sms,
      text: 'Nhac viec 276/UBND: han 13/3. Bao cao: https://nhacviec.backan.gov.vn/l/************',
    });

    await receive(logsEvent([fixtures.blocked]), lambdaContext);

    const message = e.sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '';
    const code = /\/l\/([A-Za-z0-9_-]{12})/.exec(message)?.[1] ?? '';
    expect(message).not.toContain('*');
    const link = await e.deps.links.get(linkId(code));
    expect(link).toMatchObject({
      unitId: 'so-noi-vu',
      contactId: 'gd',
      assignmentIds: ['a1'],
      channel: 'email',
    });
  });

  it('never sends a failed SMS to a colleague when its recipient has no confirmed email', async () => {
    await sentSms('a1', MSG_FAIL, 'cv'); // the focal officer: no address; the head's is confirmed

    const result = await receive(logsEvent([fixtures.blocked]), lambdaContext);

    expect(result).toEqual({ recorded: 1, unmatched: 0, fallbacks: 0 });
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(await log('a1')).toHaveLength(1);
  });

  it('records a temporary failure without falling back', async () => {
    await sentSms('a1', MSG_FAIL);

    const result = await receive(logsEvent([fixtures.unreachable]), lambdaContext);

    expect(result).toEqual({ recorded: 1, unmatched: 0, fallbacks: 0 });
    expect((await log('a1'))[0]?.delivery).toMatchObject({ status: 'failed', permanent: false });
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
