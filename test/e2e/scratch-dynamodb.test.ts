import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('is stopped and its folder removed when `dondoc simulate` is interrupted (Ctrl-C)', async () => {
    // Prepare
    const before = await scratchFolders();
    const bin = fileURLToPath(new URL('../../local/bin/dondoc.mjs', import.meta.url));
    const run = spawn(process.execPath, [
      bin,
      'simulate',
      '--data',
      'demo',
      '--from',
      '2023-01-13',
      '--to',
      '2024-01-12',
    ]);
    let stderr = '';
    let during: string[] = [];
    run.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Act: Ctrl-C once the run is under way (its first progress line past 0 %)
    await new Promise<void>((resolve) =>
      run.stderr.on('data', async () => {
        if (!/simulating [1-9]0%/.test(stderr) || during.length > 0) return;
        during = (await scratchFolders()).filter((name) => !before.includes(name));
        run.kill('SIGINT');
        resolve();
      }),
    );
    const [code] = await once(run, 'exit');
    // Assess
    expect(during).toHaveLength(1);
    expect(code).toBe(130);
    expect(await scratchFolders()).not.toContain(during[0]);
  });
});
