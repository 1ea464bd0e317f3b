import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { startScratchDynamoDbLocal } from '#local/dynamodb-local';

const scratchFolders = async () =>
  (await readdir(tmpdir())).filter((n) => n.startsWith('dondoc-simulate-db-'));

describe("simulate's scratch DynamoDB Local", () => {
  it('keeps its database on disk in a folder of its own, and removes the folder when it stops', async () => {
    // Prepare
    const before = await scratchFolders();
    const dynamo = await startScratchDynamoDbLocal();
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Act
    await client.send(
      new CreateTableCommand({
        TableName: 'scratch',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      }),
    );
    const during = await scratchFolders();
    const folder = during.find((name) => !before.includes(name)) as string;
    const files = await readdir(join(tmpdir(), folder));
    const tables = await client.send(new ListTablesCommand({}));
    await dynamo.stop();
    // Assess
    expect(tables.TableNames).toEqual(['scratch']);
    expect(files.some((name) => name.endsWith('.db'))).toBe(true);
    expect(await scratchFolders()).not.toContain(folder);
  });
});
