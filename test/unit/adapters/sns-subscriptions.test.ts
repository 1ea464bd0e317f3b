import {
  CreateTopicCommand,
  DeleteTopicCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { contactTopicName } from '../../../shared/adapters/aws-names.ts';
import { SnsEmailSubscriptions } from '../../../shared/adapters/sns/sns-subscriptions.ts';
import { ConfigError } from '../../../shared/config/env.ts';
import { ValidationError } from '../../../shared/errors.ts';
import '../../support/aws-matchers.ts';

const snsMock = mockClient(SNSClient);
const topicName = contactTopicName('dondoc-dev-contact-', { unitId: 'so-noi-vu', contactId: 'gd' });
const topicArn = `arn:aws:sns:ap-southeast-1:123456789012:${topicName}`;
const owner = { unitId: 'so-noi-vu', contactId: 'gd' };
const keyArn = 'arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const subArn = (n: number) => `${topicArn}:0b4f3c1e-0000-4000-8000-00000000000${n}`;

function makeSubscriptions() {
  return new SnsEmailSubscriptions(new SNSClient({ region: 'ap-southeast-1' }), {
    topicPrefix: 'dondoc-dev-contact-',
    kmsKeyId: keyArn,
  });
}

beforeEach(() => {
  snsMock.reset();
});

describe('SnsEmailSubscriptions.ensureTopic', () => {
  it('creates the contact topic by its deterministic name and returns its ARN', async () => {
    // Prepare
    snsMock.on(CreateTopicCommand).resolves({ TopicArn: topicArn });
    // Act
    const arn = await makeSubscriptions().ensureTopic(owner);
    // Assess
    expect(arn).toBe(topicArn);
    expect(snsMock.commandCalls(CreateTopicCommand)[0]?.args[0].input).toEqual({ Name: topicName });
    expect(topicName).toMatch(/^dondoc-dev-contact-so-noi-vu-gd-[0-9a-f]{16}$/);
  });

  it('encrypts the topic with the stage key, also when the topic already existed without it', async () => {
    // Prepare
    snsMock.on(CreateTopicCommand).resolves({ TopicArn: topicArn });
    // Act
    await makeSubscriptions().ensureTopic(owner);
    // Assess
    expect(snsMock).toHaveReceivedCommandWith(SetTopicAttributesCommand, {
      TopicArn: topicArn,
      AttributeName: 'KmsMasterKeyId',
      AttributeValue: keyArn,
    });
  });

  it('gives the topic a policy that refuses every request without TLS and grants nothing', async () => {
    // Prepare
    snsMock.on(CreateTopicCommand).resolves({ TopicArn: topicArn });
    // Act
    await makeSubscriptions().ensureTopic(owner);
    // Assess
    const call = snsMock
      .commandCalls(SetTopicAttributesCommand)
      .find((c) => c.args[0].input.AttributeName === 'Policy');
    const policy = JSON.parse(call?.args[0].input.AttributeValue ?? '{}');
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Resource: topicArn,
        Action: expect.arrayContaining(['sns:Publish', 'sns:Subscribe']),
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
  });

  it('refuses to create a topic without the key, naming TOPIC_KMS_KEY_ARN', async () => {
    // Prepare
    const subscriptions = new SnsEmailSubscriptions(new SNSClient({ region: 'ap-southeast-1' }), {
      topicPrefix: 'dondoc-dev-contact-',
      kmsKeyId: undefined,
    });
    // Act
    const created = subscriptions.ensureTopic(owner);
    // Assess
    await expect(created).rejects.toThrow(ConfigError);
    await expect(created).rejects.toThrow(/TOPIC_KMS_KEY_ARN/);
    expect(snsMock.commandCalls(CreateTopicCommand)).toHaveLength(0);
  });
});

describe('contactTopicName', () => {
  it('keeps unit a-b with contact c apart from unit a with contact b-c, within the SNS rule', () => {
    // Act
    const one = contactTopicName('dondoc-dev-contact-', { unitId: 'a-b', contactId: 'c' });
    const other = contactTopicName('dondoc-dev-contact-', { unitId: 'a', contactId: 'b-c' });
    // Assess
    expect(one).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(one).not.toBe(other);
  });
});

describe('SnsEmailSubscriptions.deleteTopic', () => {
  it('deletes the topic, which removes its subscription too', async () => {
    // Prepare
    snsMock.on(DeleteTopicCommand).resolves({});
    // Act
    await makeSubscriptions().deleteTopic(topicArn);
    // Assess
    expect(snsMock).toHaveReceivedCommandWith(DeleteTopicCommand, { TopicArn: topicArn });
  });
});

describe('SnsEmailSubscriptions.subscribe', () => {
  it('subscribes the address with the email protocol and returns the subscription ARN', async () => {
    // Prepare
    snsMock.on(SubscribeCommand).resolves({ SubscriptionArn: subArn(1) });
    // Act
    const arn = await makeSubscriptions().subscribe(topicArn, 'a.nguyen@snv.gov.vn');
    // Assess
    expect(arn).toBe(subArn(1));
    expect(snsMock.commandCalls(SubscribeCommand)[0]?.args[0].input).toEqual({
      TopicArn: topicArn,
      Protocol: 'email',
      Endpoint: 'a.nguyen@snv.gov.vn',
      ReturnSubscriptionArn: true,
    });
  });

  it('turns an address SNS refuses into a validation error on the email field', async () => {
    // Prepare
    snsMock
      .on(SubscribeCommand)
      .rejects(new InvalidParameterException({ message: 'Invalid parameter: Email address', $metadata: {} }));
    // Act
    const result = makeSubscriptions().subscribe(topicArn, 'khong-hop-le@');
    // Assess
    await expect(result).rejects.toBeInstanceOf(ValidationError);
    await expect(result).rejects.toMatchObject({ issues: [{ path: 'email' }] });
  });
});

describe('SnsEmailSubscriptions.unsubscribe', () => {
  it('unsubscribes a subscription ARN', async () => {
    // Prepare
    snsMock.on(UnsubscribeCommand).resolves({});
    // Act
    await makeSubscriptions().unsubscribe(subArn(1));
    // Assess
    expect(snsMock).toHaveReceivedCommandWith(UnsubscribeCommand, { SubscriptionArn: subArn(1) });
  });

  it('does nothing for the pending placeholder, which is not an ARN', async () => {
    // Act
    await makeSubscriptions().unsubscribe('PendingConfirmation');
    // Assess
    expect(snsMock).not.toHaveReceivedAnyCommand();
  });

  it('resolves when the subscription is already gone', async () => {
    // Prepare
    snsMock.on(UnsubscribeCommand).rejects(new NotFoundException({ message: 'gone', $metadata: {} }));
    // Act
    const result = makeSubscriptions().unsubscribe(subArn(1));
    // Assess
    await expect(result).resolves.toBeUndefined();
  });
});

describe('SnsEmailSubscriptions.statuses', () => {
  it('reads every page and reports email addresses, lower-cased, as pending or confirmed', async () => {
    // Prepare
    snsMock
      .on(ListSubscriptionsByTopicCommand)
      .resolvesOnce({
        Subscriptions: [
          {
            SubscriptionArn: subArn(1),
            Protocol: 'email',
            Endpoint: 'A.Nguyen@snv.gov.vn',
            TopicArn: topicArn,
          },
          {
            SubscriptionArn: 'PendingConfirmation',
            Protocol: 'email',
            Endpoint: 'b.tran@snv.gov.vn',
            TopicArn: topicArn,
          },
          { SubscriptionArn: subArn(2), Protocol: 'sms', Endpoint: '+84912345678', TopicArn: topicArn },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Subscriptions: [
          {
            SubscriptionArn: 'PendingConfirmation',
            Protocol: 'email',
            Endpoint: 'a.nguyen@snv.gov.vn',
            TopicArn: topicArn,
          },
          { SubscriptionArn: subArn(3), Protocol: 'email', Endpoint: 'c.le@snv.gov.vn', TopicArn: topicArn },
        ],
      });
    // Act
    const statuses = await makeSubscriptions().statuses(topicArn);
    // Assess
    expect(Object.fromEntries(statuses)).toEqual({
      'a.nguyen@snv.gov.vn': { status: 'confirmed', subscriptionArn: subArn(1) },
      'b.tran@snv.gov.vn': { status: 'pending' },
      'c.le@snv.gov.vn': { status: 'confirmed', subscriptionArn: subArn(3) },
    });
    expect(snsMock).toHaveReceivedCommandTimes(ListSubscriptionsByTopicCommand, 2);
    expect(snsMock).toHaveReceivedNthCommandWith(ListSubscriptionsByTopicCommand, 2, {
      TopicArn: topicArn,
      NextToken: 'page-2',
    });
  });
});
