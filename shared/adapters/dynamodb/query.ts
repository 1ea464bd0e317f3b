import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../errors.ts';
import type { Page, PageRequest } from '../../ports/store.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { readRows } from './rows.ts';
import { tableSchema } from './table-schema.ts';

type Item = Record<string, unknown>;
export type IndexName = (typeof tableSchema.globalSecondaryIndexes)[number]['indexName'];

export const defaultPageSize = 50;
export const maxPageSize = 200;

/** The page size asked for: 50 by default, at most 200 (larger asks get 200). */
export function pageSize(page: PageRequest | undefined): number {
  const limit = page?.limit ?? defaultPageSize;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError('limit must be a positive whole number', [
      { path: 'limit', rule: 'integer >= 1' },
    ]);
  }
  return Math.min(limit, maxPageSize);
}

/** Key attribute names of the table or of one index (what a LastEvaluatedKey holds). */
export function keyNames(index?: IndexName): { pk: string; sk: string; all: string[] } {
  const table = [tableSchema.partitionKey, tableSchema.sortKey];
  if (!index) return { pk: tableSchema.partitionKey, sk: tableSchema.sortKey, all: table };
  const definition = tableSchema.globalSecondaryIndexes.find((i) => i.indexName === index);
  if (!definition) throw new Error(`unknown index ${index}`);
  return {
    pk: definition.partitionKey,
    sk: definition.sortKey,
    all: [...table, definition.partitionKey, definition.sortKey],
  };
}

/** Every stored item of a query as DynamoDB returns it, following LastEvaluatedKey. */
export async function queryItems(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const result = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every entity of a query, following LastEvaluatedKey (for lists bounded by their parent). */
export async function queryAll<T>(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<T[]> {
  return readRows<T>(await queryItems(doc, input));
}

export interface PagedQuery {
  /** Names the list in its cursors, so a cursor of another list is refused. */
  list: string;
  index?: IndexName;
  partition: string;
  input: QueryCommandInput;
}

/** One page of one partition; the cursor wraps LastEvaluatedKey. */
export async function queryPage<T>(
  doc: DynamoDBDocumentClient,
  query: PagedQuery,
  page: PageRequest | undefined,
): Promise<Page<T>> {
  const limit = pageSize(page);
  const names = keyNames(query.index);
  const start = page?.cursor
    ? decodeCursor(page.cursor, query.list, names.all, { [names.pk]: query.partition })
    : undefined;
  const result = await doc.send(new QueryCommand({ ...query.input, Limit: limit, ExclusiveStartKey: start }));
  const items = readRows<T>(result.Items);
  return result.LastEvaluatedKey
    ? { items, cursor: encodeCursor(query.list, result.LastEvaluatedKey) }
    : { items };
}

export interface MergedQuery {
  list: string;
  index: IndexName;
  /** Partitions of the index whose items are merged in sort-key order (e.g. open and done). */
  partitions: string[];
  /** Only items whose sort key is strictly below this (optional). */
  below?: string;
}

interface PartitionRead {
  items: Item[];
  /** The last sort key read when the partition has more, else undefined. */
  truncatedAt?: string;
}

async function readPartition(
  doc: DynamoDBDocumentClient,
  tableName: string,
  query: MergedQuery,
  partition: string,
  after: string | undefined,
  limit: number,
): Promise<PartitionRead> {
  const { pk, sk } = keyNames(query.index);
  const values: Record<string, string> = { ':pk': partition };
  const names: Record<string, string> = { '#pk': pk };
  let condition = '#pk = :pk';
  if (after !== undefined || query.below !== undefined) names['#sk'] = sk;
  // BETWEEN is inclusive: read one more and drop the cursor's own item. The upper bound never
  // equals a sort key (they end in `#<id>`), so inclusive is strict there.
  if (after !== undefined && query.below !== undefined) {
    condition += ' AND #sk BETWEEN :after AND :below';
    Object.assign(values, { ':after': after, ':below': query.below });
  } else if (after !== undefined) {
    condition += ' AND #sk > :after';
    values[':after'] = after;
  } else if (query.below !== undefined) {
    condition += ' AND #sk < :below';
    values[':below'] = query.below;
  }
  const result = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: query.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: limit + (after !== undefined && query.below !== undefined ? 1 : 0),
    }),
  );
  const read = result.Items ?? [];
  const last = read.at(-1)?.[sk];
  return {
    items: read.filter((item) => item[sk] !== after),
    truncatedAt: result.LastEvaluatedKey && typeof last === 'string' ? last : undefined,
  };
}

/**
 * One page merged from several partitions of an index, in sort-key order. The cursor is the sort
 * key of the last item returned, so each partition resumes after it. Items beyond the point where
 * a partition stopped early are held back for the next page, so nothing is skipped.
 */
export async function queryMergedPage<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  query: MergedQuery,
  page: PageRequest | undefined,
): Promise<Page<T>> {
  const limit = pageSize(page);
  const { sk } = keyNames(query.index);
  const after = page?.cursor ? decodeCursor(page.cursor, query.list, ['after']).after : undefined;
  if (after !== undefined && query.below !== undefined && after >= query.below) return { items: [] };
  const reads = await Promise.all(
    query.partitions.map((p) => readPartition(doc, tableName, query, p, after, limit)),
  );
  // Sort keys are ASCII, so the default (code unit) order is DynamoDB's byte order.
  const bound = reads.flatMap((r) => (r.truncatedAt === undefined ? [] : [r.truncatedAt])).sort()[0];
  const sortKey = (item: Item) => item[sk] as string;
  const candidates = reads
    .flatMap((r) => r.items)
    .filter((item) => bound === undefined || sortKey(item) <= bound)
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const taken = candidates.slice(0, limit);
  const more = candidates.length > limit || bound !== undefined;
  const last = taken.at(-1);
  const items = readRows<T>(taken);
  return more && last ? { items, cursor: encodeCursor(query.list, { after: sortKey(last) }) } : { items };
}
