import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { assignmentSchema } from '../../schemas/entities.ts';
import type { StreamChange } from '../../usecases/engine/plan-batch.ts';
import { fromItem } from './keys.ts';

type Image = Record<string, AttributeValue> | undefined;

function decode(image: Image): Record<string, unknown> | undefined {
  return image ? unmarshall(image) : undefined;
}

/**
 * Decodes a DynamoDB stream record of the one table into what changed (NEW_AND_OLD_IMAGES: an
 * absent image means inserted or removed). Items are recognised by their `entity` tag (keys.ts);
 * everything the planner does not react to is `other`.
 * `id` is the item's primary key: records of one id must be handled in order.
 */
export function decodeStreamRecord(record: DynamoDBRecord): StreamChange {
  const keys = decode(record.dynamodb?.Keys as Image);
  const id = keys ? `${String(keys.PK)}|${String(keys.SK)}` : (record.eventID ?? 'unknown');
  const oldItem = decode(record.dynamodb?.OldImage as Image);
  const newItem = decode(record.dynamodb?.NewImage as Image);
  const entity = (newItem ?? oldItem)?.entity;
  const before = oldItem && fromItem<Record<string, unknown>>(oldItem);
  const after = newItem && fromItem<Record<string, unknown>>(newItem);
  const images = { ...(before && { before }), ...(after && { after }) };
  if (entity === 'assignment') {
    // A malformed image is this record's failure (reported in batchItemFailures), not a bad plan.
    const parse = (i: Record<string, unknown> | undefined) => i && assignmentSchema.parse(i);
    const checked = { ...(before && { before: parse(before) }), ...(after && { after: parse(after) }) };
    return { kind: entity, id, ...checked };
  }
  if (entity === 'policy' || entity === 'override') {
    return { kind: entity, id, ...images } as StreamChange;
  }
  return { kind: 'other', id };
}
