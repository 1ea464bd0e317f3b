import {
  AuthorizationErrorException,
  InternalErrorException,
  InvalidParameterException,
  KMSThrottlingException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  SNSServiceException,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createPublishClient,
  emailSubject,
  SnsNotifier,
  toSendError,
} from '../../../shared/adapters/sns/sns-notifier.ts';
import { PermanentSendError, TransientSendError } from '../../../shared/ports/notifier.ts';
import '../../support/aws-matchers.ts';

const snsMock = mockClient(SNSClient);
const topicArn = 'arn:aws:sns:ap-southeast-1:123456789012:dondoc-dev-unit-so-noi-vu';

function makeNotifier(options = { senderId: 'UBNDTINH', maxPriceUsd: '0.05' }) {
  return new SnsNotifier(new SNSClient({ region: 'ap-southeast-1' }), options);
}

beforeEach(() => {
  snsMock.reset();
});

describe('SnsNotifier.sendSms', () => {
  it('publishes to the phone number as a transactional SMS with the sender id and max price', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    // Act
    const result = await makeNotifier().sendSms({ phone: '+84912345678', text: 'Nhac viec: bao cao quy 1' });
    // Assess
    expect(result).toEqual({ messageId: 'msg-1' });
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: '+84912345678',
      Message: 'Nhac viec: bao cao quy 1',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'UBNDTINH' },
        'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.05' },
      },
    });
  });

  it('sends only the SMS type when no sender id or max price is configured', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-2' });
    // Act
    await new SnsNotifier(new SNSClient({ region: 'ap-southeast-1' })).sendSms({
      phone: '+84912345678',
      text: 'x',
    });
    // Assess
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    });
  });

  it('keeps the phone number out of the error it raises', async () => {
    // Prepare
    snsMock.on(PublishCommand).rejects(
      new InvalidParameterException({
        message: 'Invalid parameter: PhoneNumber +84912345678',
        $metadata: {},
      }),
    );
    // Act
    const error = await makeNotifier()
      .sendSms({ phone: '+84912345678', text: 'x' })
      .catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).not.toContain('+84912345678');
    expect((error as Error).message).toContain('+84******678');
  });
});

describe('SnsNotifier.sendEmail', () => {
  it('publishes to the contact topic with an ASCII subject and the body unchanged', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-3' });
    const body = 'Kính gửi Sở Nội vụ: nhiệm vụ "Báo cáo quý 1" đã quá hạn 2 ngày.';
    // Act
    const result = await makeNotifier().sendEmail({
      unitId: 'so-noi-vu',
      contactId: 'gd',
      topicArn,
      subject: 'Nhắc việc: Báo cáo quý 1 – quá hạn',
      body,
    });
    // Assess
    expect(result).toEqual({ messageId: 'msg-3' });
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      TopicArn: topicArn,
      Subject: 'Nhac viec: Bao cao quy 1 - qua han',
      Message: body,
    });
  });
});

describe('toSendError', () => {
  const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

  it.each([
    ['ThrottledException', new ThrottledException({ message: 'Rate exceeded', ...meta(429) })],
    ['KMSThrottlingException', new KMSThrottlingException({ message: 'slow down', ...meta(400) })],
    ['InternalErrorException', new InternalErrorException({ message: 'oops', ...meta(500) })],
    [
      'Throttling (unmodelled, HTTP 400)',
      new SNSServiceException({
        name: 'Throttling',
        $fault: 'client',
        message: 'Rate exceeded',
        ...meta(400),
      }),
    ],
    [
      'an unmodelled 503',
      new SNSServiceException({
        name: 'ServiceUnavailable',
        $fault: 'server',
        message: 'down',
        ...meta(503),
      }),
    ],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('treats %s as transient', (_, error) => {
    expect(toSendError('sms', error)).toBeInstanceOf(TransientSendError);
  });

  it.each([
    ['InvalidParameterException', new InvalidParameterException({ message: 'bad number', ...meta(400) })],
    ['OptedOutException', new OptedOutException({ message: 'opted out', ...meta(400) })],
    ['AuthorizationErrorException', new AuthorizationErrorException({ message: 'denied', ...meta(403) })],
  ])('treats %s as permanent', (_, error) => {
    expect(toSendError('sms', error)).toBeInstanceOf(PermanentSendError);
  });

  it('maps a throttled publish to TransientSendError end to end', async () => {
    // Prepare
    snsMock.on(PublishCommand).rejects(new ThrottledException({ message: 'Rate exceeded', ...meta(429) }));
    // Act
    const result = makeNotifier().sendEmail({
      unitId: 'u',
      contactId: 'c',
      topicArn,
      subject: 's',
      body: 'b',
    });
    // Assess
    await expect(result).rejects.toBeInstanceOf(TransientSendError);
  });
});

describe('emailSubject', () => {
  it('writes Vietnamese without diacritics, including đ and Đ', () => {
    expect(emailSubject('Đôn đốc: Sở Tài nguyên và Môi trường')).toBe('Don doc: So Tai nguyen va Moi truong');
  });

  it('puts a multi-line subject on one line', () => {
    expect(emailSubject('Nhắc việc\r\nquá hạn')).toBe('Nhac viec qua han');
  });

  it('cuts a long subject below 100 characters', () => {
    // Act
    const subject = emailSubject(`Nhắc việc: ${'nhiệm vụ '.repeat(20)}`);
    // Assess
    expect(subject.length).toBeLessThan(100);
    expect(subject.endsWith('...')).toBe(true);
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
  });
});

describe('createPublishClient', () => {
  it('makes a single attempt so retries stay under the dispatcher guard', async () => {
    // Act
    const client = createPublishClient({ region: 'ap-southeast-1' });
    // Assess
    expect(await client.config.maxAttempts()).toBe(1);
  });
});
