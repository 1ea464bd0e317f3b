import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  SetTopicAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { ConfigError } from '../../config/env.ts';
import { ValidationError } from '../../errors.ts';
import { logger, maskEmail } from '../../logger.ts';
import type { EmailSubscriptions, SubscriptionStatus, TopicOwner } from '../../ports/notifier.ts';
import { contactTopicName } from '../aws-names.ts';

export interface SnsEmailSubscriptionsOptions {
  /** e.g. `dondoc-dev-contact-`; the topic of contact `gd` of `so-noi-vu` is `dondoc-dev-contact-so-noi-vu-gd-<hash>`. */
  topicPrefix: string;
  /** The KMS key (ARN) every contact topic is encrypted with; `TOPIC_KMS_KEY_ARN`, set by the stack. */
  kmsKeyId: string | undefined;
}

/** Every action a topic policy may name: none of them is allowed over plain HTTP. */
const TOPIC_ACTIONS = [
  'sns:Publish',
  'sns:Subscribe',
  'sns:GetTopicAttributes',
  'sns:SetTopicAttributes',
  'sns:ListSubscriptionsByTopic',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:DeleteTopic',
];

/**
 * A contact topic's access policy: refuses every request that does not use TLS. It grants nothing:
 * the functions' own roles say who may publish and subscribe.
 */
export function tlsOnlyTopicPolicy(topicArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: TOPIC_ACTIONS,
        Resource: topicArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

/** What ListSubscriptionsByTopic shows as the ARN of a subscription its recipient has not confirmed yet. */
const PENDING = 'PendingConfirmation';

/** One SNS topic per contact with an email address, that address its one subscription (email protocol). */
export class SnsEmailSubscriptions implements EmailSubscriptions {
  constructor(
    private readonly client: SNSClient,
    private readonly options: SnsEmailSubscriptionsOptions,
  ) {}

  /**
   * The contact's topic, encrypted with the stage key and TLS-only. CreateTopic without attributes is
   * idempotent by name (the existing ARN comes back even when the topic has attributes); setting the
   * two attributes afterwards is idempotent too and also brings a topic made before them up to date.
   */
  async ensureTopic(owner: TopicOwner): Promise<string> {
    const { kmsKeyId } = this.options;
    if (!kmsKeyId) {
      throw new ConfigError([{ path: 'TOPIC_KMS_KEY_ARN', rule: 'is required to create contact topics' }]);
    }
    const name = contactTopicName(this.options.topicPrefix, owner);
    const { TopicArn } = await this.client.send(new CreateTopicCommand({ Name: name }));
    if (!TopicArn) throw new Error(`SNS CreateTopic ${name} returned no TopicArn`);
    for (const [AttributeName, AttributeValue] of [
      ['KmsMasterKeyId', kmsKeyId],
      ['Policy', tlsOnlyTopicPolicy(TopicArn)],
    ] as const) {
      await this.client.send(new SetTopicAttributesCommand({ TopicArn, AttributeName, AttributeValue }));
    }
    return TopicArn;
  }

  /** DeleteTopic removes the topic's subscriptions too, and succeeds for a topic already gone. */
  async deleteTopic(topicArn: string): Promise<void> {
    await this.client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    logger.info('email topic deleted', { topicArn });
  }

  /**
   * Subscribes an address (SNS emails it a confirmation link). With ReturnSubscriptionArn the real
   * ARN comes back even while pending, so a pending subscription can still be removed. An address
   * SNS refuses (InvalidParameter) is the caller's mistake: a ValidationError on `email`.
   */
  async subscribe(topicArn: string, email: string): Promise<string> {
    const command = new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'email',
      Endpoint: email,
      ReturnSubscriptionArn: true,
    });
    let SubscriptionArn: string | undefined;
    try {
      ({ SubscriptionArn } = await this.client.send(command));
    } catch (error) {
      if (error instanceof Error && error.name === 'InvalidParameterException') {
        throw new ValidationError('invalid email address', [
          { path: 'email', rule: 'must be an address SNS accepts for email notifications' },
        ]);
      }
      throw error;
    }
    logger.info('email subscribed', { topicArn, email: maskEmail(email) });
    return SubscriptionArn ?? 'pending confirmation';
  }

  /** Only a real ARN can be unsubscribed; a placeholder or an already-removed subscription is success. */
  async unsubscribe(subscriptionArn: string): Promise<void> {
    if (!subscriptionArn.startsWith('arn:')) return;
    try {
      await this.client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    } catch (error) {
      if (!(error instanceof Error && error.name === 'NotFoundException')) throw error;
    }
  }

  async statuses(
    topicArn: string,
  ): Promise<Map<string, { status: SubscriptionStatus; subscriptionArn?: string }>> {
    const result = new Map<string, { status: SubscriptionStatus; subscriptionArn?: string }>();
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken }),
      );
      for (const sub of page.Subscriptions ?? []) {
        if (sub.Protocol !== 'email' || !sub.Endpoint || !sub.SubscriptionArn) continue;
        const email = sub.Endpoint.toLowerCase();
        if (sub.SubscriptionArn === PENDING) {
          if (!result.has(email)) result.set(email, { status: 'pending' });
        } else if (sub.SubscriptionArn.startsWith('arn:')) {
          // A confirmed subscription wins over a pending duplicate of the same address.
          result.set(email, { status: 'confirmed', subscriptionArn: sub.SubscriptionArn });
        }
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return result;
  }
}
