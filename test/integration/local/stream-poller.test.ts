import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, inject, it } from 'vitest';
import { isLocalItemKey, localSchedulesPartition } from '#adapters/dynamodb/keys';
import { memoryCheckpoints } from '#local/runtime/stream-checkpoint';
import { type StreamHandler, StreamPoller } from '#local/runtime/stream-poller';
import { createTestTable, type TestTable } from '#test/support/table';

function streamsClient() {
  return new DynamoDBStreamsClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function put(table: TestTable, pk: string, sk = 'A') {
  await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { PK: pk, SK: sk, n: 1 } }));
}

const keyOf = (r: DynamoDBRecord) => r.dynamodb?.Keys?.PK?.S;

function poller(table: TestTable, handler: StreamHandler, checkpoints = memoryCheckpoints()) {
  return new StreamPoller({
    dynamo: table.client,
    streams: streamsClient(),
    tableName: table.tableName,
    handler,
    checkpoints,
    initial: 'TRIM_HORIZON',
    filter: (r) => !isLocalItemKey(keyOf(r)),
  });
}

describe('the stream poller', () => {
  it('hands the table changes to the handler as a Lambda DynamoDB stream event', async () => {
    // Prepare
    const table = await createTestTable('poller-event');
    const events: DynamoDBStreamEvent[] = [];
    const subject = poller(table, async (event) => {
      events.push(event);
    });
    await subject.init();
    await put(table, 'UNIT#a');
    // Act
    await subject.drain();
    // Assess
    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: subject.streamArn,
      dynamodb: { Keys: { PK: { S: 'UNIT#a' }, SK: { S: 'A' } }, NewImage: { n: { N: '1' } } },
    });
    expect(typeof record?.dynamodb?.ApproximateCreationDateTime).toBe('number');
  });

  it('skips the local runtime items, as an event filter would', async () => {
    // Prepare
    const table = await createTestTable('poller-filter');
    const keys: (string | undefined)[] = [];
    const subject = poller(table, async (event) => {
      keys.push(...event.Records.map(keyOf));
    });
    await subject.init();
    await put(table, localSchedulesPartition, 'check-x');
    await put(table, 'UNIT#b');
    // Act
    await subject.drain();
    // Assess
    expect(keys).toEqual(['UNIT#b']);
  });

  it('delivers a reported batch item failure again, and the records after it, but not those before', async () => {
    // Prepare
    const table = await createTestTable('poller-retry');
    const deliveries: (string | undefined)[][] = [];
    let failOnce = true;
    const subject = poller(table, async (event) => {
      deliveries.push(event.Records.map(keyOf));
      const second = event.Records.find((r) => keyOf(r) === 'UNIT#2');
      if (second && failOnce) {
        failOnce = false;
        return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber ?? '' }] };
      }
      return { batchItemFailures: [] };
    });
    await subject.init();
    for (const n of [1, 2, 3]) await put(table, `UNIT#${n}`);
    // Act
    await subject.drain();
    // Assess
    expect(deliveries).toEqual([
      ['UNIT#1', 'UNIT#2', 'UNIT#3'],
      ['UNIT#2', 'UNIT#3'],
    ]);
  });

  it('resumes after the checkpoint when started again, missing nothing written while stopped', async () => {
    // Prepare
    const table = await createTestTable('poller-restart');
    const checkpoints = memoryCheckpoints();
    const seen: (string | undefined)[] = [];
    const record = async (event: DynamoDBStreamEvent) => {
      seen.push(...event.Records.map(keyOf));
    };
    const first = poller(table, record, checkpoints);
    await first.init();
    await put(table, 'UNIT#before');
    await first.drain();
    await put(table, 'UNIT#while-stopped');
    // Act
    const second = poller(table, record, checkpoints);
    await second.init();
    await second.drain();
    // Assess
    expect(seen).toEqual(['UNIT#before', 'UNIT#while-stopped']);
  });

  it('starts at the latest record when the table existed without a checkpoint', async () => {
    // Prepare
    const table = await createTestTable('poller-latest');
    await put(table, 'UNIT#old');
    const seen: (string | undefined)[] = [];
    const subject = new StreamPoller({
      dynamo: table.client,
      streams: streamsClient(),
      tableName: table.tableName,
      handler: async (event) => {
        seen.push(...event.Records.map(keyOf));
      },
      checkpoints: memoryCheckpoints(),
      initial: 'LATEST',
    });
    await subject.init();
    await subject.drain();
    await put(table, 'UNIT#new');
    // Act
    await subject.drain();
    // Assess
    expect(seen).toEqual(['UNIT#new']);
  });
});
