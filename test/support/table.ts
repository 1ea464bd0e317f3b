import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDynamoClient, toDocumentClient } from '../../shared/adapters/dynamodb/client.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.ts';
import { DynamoStore } from '../../shared/adapters/dynamodb/store.ts';

export interface TestTable {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  store: DynamoStore;
}

/**
 * A fresh table on the run's DynamoDB Local (see dynamodb-local.ts), named `<prefix>-<random>` so
 * test files (and tests) never see each other's items. Call it in `beforeAll` or per test.
 */
export async function createTestTable(prefix: string): Promise<TestTable> {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  const doc = toDocumentClient(client);
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return { client, doc, tableName, store: new DynamoStore(doc, tableName) };
}
