import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { countRequests } from '#local/runtime/request-counter';
import { createTestTable } from '#test/support/table';

describe('the request counter', () => {
  it('counts the requests of a DocumentClient per operation through its DynamoDBClient', async () => {
    // Prepare
    const table = await createTestTable('req-counter');
    const counter = countRequests(table.client);
    // Act
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { PK: 'X', SK: '1' } }));
    await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'X', SK: '1' } }));
    await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'X', SK: '2' } }));
    await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'X' },
      }),
    );
    // Assess
    expect(counter.counts()).toEqual({ total: 4, GetItem: 2, PutItem: 1, Query: 1 });
  });

  it('stops counting once detached, while another counter on the same client goes on', async () => {
    // Prepare
    const table = await createTestTable('req-counter');
    const first = countRequests(table.client);
    const second = countRequests(table.doc);
    first.detach();
    // Act
    await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { PK: 'X', SK: '1' } }));
    // Assess
    expect([first.total(), second.total(['GetItem'])]).toEqual([0, 1]);
  });
});
