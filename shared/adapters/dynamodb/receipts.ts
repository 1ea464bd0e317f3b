import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Delivery } from '../../domain/delivery.ts';
import type { DeliveryReceipts, ReminderRef } from '../../ports/receipts.ts';
import type { Reminder } from '../../schemas/entities.ts';
import { isConditionFailure } from './conditions.ts';
import { fromItem, messagePartition, reminderKey } from './keys.ts';
import { queryAll } from './query.ts';

/** Receipts on the reminder log (the `MSG#<messageId>` refs are written by DynamoStore.updateReminder). */
export class DynamoDeliveryReceipts implements DeliveryReceipts {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async refsOf(messageId: string): Promise<ReminderRef[]> {
    const refs = await queryAll<ReminderRef>(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': messagePartition(messageId) },
    });
    return refs.map(({ assignmentId, key }) => ({ assignmentId, key }));
  }

  async recordDelivery(ref: ReminderRef, delivery: Delivery): Promise<Reminder | undefined> {
    const Key = reminderKey(ref.assignmentId, ref.key);
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'SET delivery = :d',
          // A final receipt (delivered, failed) is never replaced; "carrier" only fills an empty slot.
          ConditionExpression:
            delivery.status === 'carrier'
              ? 'attribute_exists(PK) AND attribute_not_exists(delivery)'
              : 'attribute_exists(PK) AND (attribute_not_exists(delivery) OR delivery.#s = :carrier)',
          ...(delivery.status !== 'carrier' && { ExpressionAttributeNames: { '#s': 'status' } }),
          ExpressionAttributeValues: {
            ':d': delivery,
            ...(delivery.status !== 'carrier' && { ':carrier': 'carrier' }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? fromItem<Reminder>(result.Attributes) : undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.doc.send(new GetCommand({ TableName: this.tableName, Key }));
      return current.Item ? fromItem<Reminder>(current.Item) : undefined;
    }
  }
}
