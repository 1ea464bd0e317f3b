import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
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

type RequestSigner = Exclude<NonNullable<DynamoDBClientConfig['signer']>, (...args: never[]) => unknown>;

/**
 * DynamoDB Local takes the access key and region from the Authorization header and never checks
 * the signature, so a fixed header stands in for SigV4: no canonical request, hashes and HMACs per
 * request (a fifth of node's CPU per request in `simulate`). Never used for AWS endpoints.
 */
function localSigner(region: string): RequestSigner {
  const authorization = `AWS4-HMAC-SHA256 Credential=local/20240101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`;
  return {
    sign: async (request) => {
      request.headers.authorization = authorization;
      return request;
    },
  };
}

/**
 * The connection settings of a DynamoDB Local endpoint, for the DynamoDB and the DynamoDB Streams
 * clients alike: dummy credentials, a fixed region and the fixed-header signer (DynamoDB Local
 * runs with `-sharedDb`), so the local runtime and the tests need no AWS profile.
 */
export function localConnection(endpoint: string, region = 'ap-southeast-1') {
  return {
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    signer: localSigner(region),
  };
}

/** The low-level client: the AWS defaults, or a DynamoDB Local connection for a loopback endpoint. */
export function createDynamoClient(options: ClientOptions = {}): DynamoDBClient {
  if (options.endpoint && isLocal(options.endpoint))
    return new DynamoDBClient(localConnection(options.endpoint, options.region));
  return new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
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
