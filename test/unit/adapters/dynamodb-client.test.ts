import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDynamoClient } from '#adapters/dynamodb/client';

/** The Authorization header the client would send (its HTTP handler is swapped for a recorder). */
async function authorizationSentBy(client: DynamoDBClient): Promise<string | undefined> {
  let sent: string | undefined;
  const config = client.config as unknown as { requestHandler: unknown };
  config.requestHandler = {
    handle: async (request: { headers: Record<string, string> }) => {
      sent = request.headers.authorization;
      throw new Error('recorded');
    },
  };
  await expect(client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } }))).rejects.toThrow(
    'recorded',
  );
  return sent;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createDynamoClient', () => {
  it('gives DynamoDB Local a fixed Authorization header naming the local key and region, not a signature', async () => {
    // Prepare
    const client = createDynamoClient({ endpoint: 'http://127.0.0.1:8000' });
    // Act
    const authorization = await authorizationSentBy(client);
    // Assess
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=local/20240101/ap-southeast-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    );
  });

  it('signs requests to AWS with SigV4 and the credentials of the environment', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    const client = createDynamoClient({ region: 'ap-southeast-1' });
    // Act
    const authorization = await authorizationSentBy(client);
    // Assess
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/ap-southeast-1\/dynamodb\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
  });
});
