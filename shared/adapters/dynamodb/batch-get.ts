import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.ts';
import { readRow } from './rows.ts';

/** DynamoDB's limit on the keys of one BatchGetItem. */
const BATCH = 100;
const MAX_ATTEMPTS = 8;

const id = (k: { PK?: unknown; SK?: unknown }) => `${String(k.PK)}\u0000${String(k.SK)}`;

/**
 * The items at `keys`, in their order (undefined where none), strongly consistent: BatchGetItem
 * in chunks of 100, asking again (with backoff) for what DynamoDB left unprocessed.
 */
export async function batchGet<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<(T | undefined)[]> {
  const unique = [...new Map(keys.map((k) => [id(k), { PK: k.PK, SK: k.SK }])).values()];
  const found = new Map<string, T>();
  for (let i = 0; i < unique.length; i += BATCH) {
    let pending: ItemKey[] = unique.slice(i, i + BATCH);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new Error('DynamoDB left keys unprocessed (throttled)');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[tableName] ?? []) {
        const row = readRow<T>(item);
        if (row !== undefined) found.set(id(item), row);
      }
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  }
  return keys.map((k) => found.get(id(k)));
}
