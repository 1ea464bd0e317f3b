import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8000` for DynamoDB Local; absent in AWS. */
  endpoint?: string;
  region?: string;
}

/** Loopback endpoints are DynamoDB Local, which accepts any credentials. */
function isLocal(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';
}

/**
 * The low-level client. For a local endpoint it carries dummy credentials and a fixed region, so
 * the local runtime and the tests need no AWS profile (DynamoDB Local runs with `-sharedDb`).
 */
export function createDynamoClient(options: ClientOptions = {}): DynamoDBClient {
  const local = isLocal(options.endpoint);
  return new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region || local ? { region: options.region ?? 'ap-southeast-1' } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** Wraps a client (given or created) in the document client the store uses. */
export function toDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/** The document client for the one table (`removeUndefinedValues`: optional fields may be undefined). */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  return toDocumentClient(createDynamoClient(options));
}
