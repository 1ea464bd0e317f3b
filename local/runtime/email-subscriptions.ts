import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { contactTopicName } from '#adapters/aws-names';
import { localSubscriptionKey, localSubscriptionsPartition } from '#adapters/dynamodb/keys';
import type { Clock } from '#ports/clock';
import type { EmailSubscriptions, SubscriptionStatus, TopicOwner } from '#ports/notifier';

export interface LocalEmailSubscriptionsOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  /** Topic names are those of AWS (`contactTopicName`) under this prefix. */
  topicPrefix?: string;
  /**
   * How long after subscribing an address counts as confirmed (the recipient "clicking the
   * link"). Until then it is `pending` and the engine falls back to SMS, as it does in AWS.
   */
  confirmAfterMs?: number;
}

interface StoredSubscription {
  email: string;
  subscriptionArn: string;
  subscribedAt: string;
  confirmAt: string;
}

/**
 * SNS email subscriptions on one machine: topics are ARNs only, subscriptions are items in the
 * table (keys: `localSubscriptionKey`), and every address confirms itself
 * `confirmAfterMs` after it was subscribed (no mail server to click a link in).
 */
export class LocalEmailSubscriptions implements EmailSubscriptions {
  readonly #o: Required<LocalEmailSubscriptionsOptions>;
  /** Write-through copy of the table's subscriptions per topic (this process holds the data folder). */
  readonly #topics = new Map<string, StoredSubscription[]>();

  constructor(options: LocalEmailSubscriptionsOptions) {
    this.#o = { topicPrefix: 'dondoc-local-contact-', confirmAfterMs: 60_000, ...options };
  }

  async ensureTopic(owner: TopicOwner): Promise<string> {
    return `arn:aws:sns:local:000000000000:${contactTopicName(this.#o.topicPrefix, owner)}`;
  }

  /** Removes every subscription of the topic (a topic is only its ARN here). */
  async deleteTopic(topicArn: string): Promise<void> {
    for (const s of [...(await this.#list(topicArn))]) await this.unsubscribe(s.subscriptionArn);
  }

  async subscribe(topicArn: string, email: string): Promise<string> {
    const address = email.toLowerCase();
    const existing = (await this.#list(topicArn)).find((s) => s.email === address);
    if (existing) return this.#confirmed(existing) ? existing.subscriptionArn : 'pending confirmation';
    const now = this.#o.clock.now();
    const item: StoredSubscription = {
      email: address,
      subscriptionArn: `${topicArn}:${randomUUID()}`,
      subscribedAt: now.toISOString(),
      confirmAt: new Date(now.getTime() + this.#o.confirmAfterMs).toISOString(),
    };
    await this.#o.doc.send(
      new PutCommand({
        TableName: this.#o.tableName,
        Item: { ...localSubscriptionKey(topicArn, address), ...item },
      }),
    );
    this.#topics.get(topicArn)?.push(item);
    return this.#o.confirmAfterMs <= 0 ? item.subscriptionArn : 'pending confirmation';
  }

  async unsubscribe(subscriptionArn: string): Promise<void> {
    const topicArn = subscriptionArn.slice(0, subscriptionArn.lastIndexOf(':'));
    const found = (await this.#list(topicArn)).find((s) => s.subscriptionArn === subscriptionArn);
    if (!found) return;
    await this.#o.doc.send(
      new DeleteCommand({
        TableName: this.#o.tableName,
        Key: localSubscriptionKey(topicArn, found.email),
      }),
    );
    const left = (this.#topics.get(topicArn) ?? []).filter((s) => s.subscriptionArn !== subscriptionArn);
    this.#topics.set(topicArn, left);
  }

  async statuses(
    topicArn: string,
  ): Promise<Map<string, { status: SubscriptionStatus; subscriptionArn?: string }>> {
    const statuses = new Map<string, { status: SubscriptionStatus; subscriptionArn?: string }>();
    for (const s of await this.#list(topicArn)) {
      statuses.set(
        s.email,
        this.#confirmed(s)
          ? { status: 'confirmed', subscriptionArn: s.subscriptionArn }
          : { status: 'pending' },
      );
    }
    return statuses;
  }

  /** The confirmed addresses of a topic: who receives a publish to it. */
  async confirmedAddresses(topicArn: string): Promise<string[]> {
    return (await this.#list(topicArn)).filter((s) => this.#confirmed(s)).map((s) => s.email);
  }

  #confirmed(s: StoredSubscription): boolean {
    return Date.parse(s.confirmAt) <= this.#o.clock.now().getTime();
  }

  async #list(topicArn: string): Promise<StoredSubscription[]> {
    const cached = this.#topics.get(topicArn);
    if (cached) return cached;
    const out = await this.#o.doc.send(
      new QueryCommand({
        TableName: this.#o.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': localSubscriptionsPartition(topicArn) },
      }),
    );
    const items = (out.Items ?? []).map(({ PK: _pk, SK: _sk, ...s }) => s as StoredSubscription);
    this.#topics.set(topicArn, items);
    return items;
  }
}
