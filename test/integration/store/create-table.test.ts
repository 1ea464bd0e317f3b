import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoClient } from '#adapters/dynamodb/client';
import { ensureTable } from '#adapters/dynamodb/create-table';
import { tableSchema } from '#adapters/dynamodb/table-schema';

describe('creating the table from the key schema', () => {
  const client = createDynamoClient({ endpoint: inject('dynamoEndpoint') });
  const tableName = `create-table-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    await ensureTable(client, tableName);
  });

  it('builds an active on-demand table with every index of the schema', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      tableSchema.globalSecondaryIndexes.map((i) => i.indexName),
    );
  });

  it('turns on the stream with old and new images', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('turns on TTL on the expiresAt attribute', async () => {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));

    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('does nothing when the table already exists', async () => {
    await expect(ensureTable(client, tableName)).resolves.toBeUndefined();
  });
});
