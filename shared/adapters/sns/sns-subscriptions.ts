import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { ValidationError } from '../../errors.ts';
import { logger, maskEmail } from '../../logger.ts';
import type { EmailSubscriptions, SubscriptionStatus } from '../../ports/notifier.ts';
import { resourceName, topicNameRule } from '../aws-names.ts';

export interface SnsEmailSubscriptionsOptions {
  /** e.g. `dondoc-dev-unit-`; the topic of unit `so-noi-vu` is `dondoc-dev-unit-so-noi-vu`. */
  topicPrefix: string;
}

/** What ListSubscriptionsByTopic shows as the ARN of a subscription its recipient has not confirmed yet. */
const PENDING = 'PendingConfirmation';

/** The SNS topic name of a unit: deterministic and within SNS's 256 characters of `[A-Za-z0-9_-]`. */
export function topicName(topicPrefix: string, unitId: string): string {
  return resourceName(`${topicPrefix}${unitId}`, topicNameRule);
}

/** One SNS topic per unit, its contacts' addresses subscribed with the email protocol. */
export class SnsEmailSubscriptions implements EmailSubscriptions {
  constructor(
    private readonly client: SNSClient,
    private readonly options: SnsEmailSubscriptionsOptions,
  ) {}

  /** CreateTopic is idempotent by name (same name, same attributes: the existing ARN comes back). */
  async ensureTopic(unitId: string): Promise<string> {
    const name = topicName(this.options.topicPrefix, unitId);
    const { TopicArn } = await this.client.send(new CreateTopicCommand({ Name: name }));
    if (!TopicArn) throw new Error(`SNS CreateTopic ${name} returned no TopicArn`);
    return TopicArn;
  }

  /**
   * Subscribes an address (SNS emails it a confirmation link). With ReturnSubscriptionArn the real
   * ARN comes back even while pending, so a pending subscription can still be removed.
   */
  /** An address SNS refuses (InvalidParameter) is the caller's mistake: a ValidationError on `email`. */
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
