import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { LINK_PATH_PREFIX } from '#domain/link';
import type { Clock } from '#ports/clock';
import { acceptedCodings, serveConsole } from '../../web/serve.ts';

/** The API handler as Lambda sees it (payload format 2.0, JWT authorizer). */
export type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: unknown,
) => Promise<APIGatewayProxyResultV2 | undefined>;

export interface HttpServerOptions {
  port: number;
  host?: string;
  handler: ApiHandler;
  /** Checks a bearer token and returns its claims as API Gateway passes them; throws when invalid. */
  verify: (token: string) => Promise<Record<string, string>>;
  clock: Clock;
  /** Paths reachable without a token (API Gateway routes without the authorizer). */
  publicPaths?: string[];
  /** API Gateway's payload limit. */
  maxBodyBytes?: number;
  /** Called with each request's method, path, status (for the console). */
  onRequest?: (line: { method: string; path: string; status: number }) => void;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TEXT = /^(application\/(json|.*\+json|x-www-form-urlencoded|xml)|text\/)/i;

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryOf(search: URLSearchParams): Record<string, string> | undefined {
  const query: Record<string, string> = {};
  for (const key of new Set(search.keys())) query[key] = search.getAll(key).join(',');
  return Object.keys(query).length ? query : undefined;
}

/** Builds the event API Gateway (HTTP API, payload 2.0, `$default` route) would send. */
export function toApiGatewayEvent(input: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  claims?: Record<string, string>;
  sourceIp: string;
  now: Date;
  /** `$default`, or `GET /health` for the public routes. */
  routeKey?: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const routeKey = input.routeKey ?? '$default';
  const contentType = input.headers['content-type'] ?? '';
  const binary = input.body.length > 0 && contentType !== '' && !TEXT.test(contentType);
  const cookies = input.headers.cookie?.split(';').map((c) => c.trim());
  const event = {
    version: '2.0',
    routeKey,
    rawPath: input.url.pathname,
    rawQueryString: input.url.search.replace(/^\?/, ''),
    ...(cookies ? { cookies } : {}),
    headers: input.headers,
    queryStringParameters: queryOf(input.url.searchParams),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims ?? {}, scopes: [] } },
      domainName: input.url.host,
      domainPrefix: input.url.hostname.split('.')[0] ?? 'localhost',
      http: {
        method: input.method,
        path: input.url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent: input.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: input.now.toUTCString(),
      timeEpoch: input.now.getTime(),
    },
    body: input.body.length ? input.body.toString(binary ? 'base64' : 'utf8') : undefined,
    isBase64Encoded: binary,
  };
  if (!input.claims) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  return event as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** Lambda results without `statusCode` are taken as a 200 JSON body, as API Gateway does. */
export function normalizeResult(
  result: APIGatewayProxyResultV2 | undefined,
): APIGatewayProxyStructuredResultV2 {
  if (result && typeof result === 'object' && 'statusCode' in result) return result;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(result ?? null),
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

const COMPRESSIBLE = /^(application\/(json|.*\+json|xml)|text\/)/i;

/**
 * The API's reply compressed as CloudFront's `/api/*` behaviour does in AWS (`compress: true`):
 * brotli or gzip when the caller accepts it, for text bodies from 1,000 bytes; the headers are
 * updated (`content-encoding`, `vary`).
 */
function compressed(
  body: Buffer,
  acceptEncoding: string | undefined,
  headers: Record<string, string>,
): Buffer {
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  const coding = acceptedCodings(acceptEncoding)[0];
  if (!coding || body.length < 1000 || !COMPRESSIBLE.test(type) || headers['content-encoding']) return body;
  headers['content-encoding'] = coding;
  delete headers['content-length'];
  headers.vary = headers.vary ? `${headers.vary}, accept-encoding` : 'accept-encoding';
  return coding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(body, { level: 6 });
}

/**
 * A node:http server standing in for API Gateway: verifies the bearer token like the JWT
 * authorizer (401 `{"message":"Unauthorized"}` otherwise), turns the request into a payload 2.0
 * event and writes back the handler's result. Like the HTTP API, it has no CORS configuration:
 * the console it serves calls it from the same origin, and no other origin is allowed.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const publicPaths = new Set(options.publicPaths ?? ['/health', '/openapi.json']);
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const headers = headersOf(req);
    const method = req.method ?? 'GET';
    if (serveConsole(req, res)) return 200; // the web console (web/dist) at `/`, before the token check
    // Personal links are public on every method: the code in the path is the credential.
    const isPublic =
      (method === 'GET' && publicPaths.has(url.pathname)) || url.pathname.startsWith(LINK_PATH_PREFIX);
    let claims: Record<string, string> | undefined;
    if (!isPublic) {
      const token = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
      claims = token ? await options.verify(token).catch(() => undefined) : undefined;
      if (!claims) {
        send(res, 401, JSON.stringify({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer' });
        return 401;
      }
    }
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      send(res, 413, JSON.stringify({ message: 'Request Entity Too Large' }));
      return 413;
    }
    const event = toApiGatewayEvent({
      method,
      routeKey: isPublic ? `${method} ${url.pathname}` : '$default',
      url,
      headers,
      body,
      claims,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      now: options.clock.now(),
    });
    const result = normalizeResult(await options.handler(event, lambdaContext('api')));
    const outHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) outHeaders[name] = String(value);
    const raw = result.body
      ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
      : undefined;
    const out = raw && compressed(raw, headers['accept-encoding'], outHeaders);
    res.writeHead(result.statusCode ?? 200, outHeaders);
    if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
    res.end(out);
    return result.statusCode ?? 200;
  }

  const server: Server = createServer((req, res) => {
    serve(req, res)
      .then((status) => options.onRequest?.({ method: req.method ?? 'GET', path: req.url ?? '/', status }))
      .catch((error: unknown) => {
        // API Gateway answers 500 when the integration fails; the details stay in the log.
        console.error('api: handler failed', error);
        if (!res.headersSent) send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
        else res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A minimal Lambda context for handlers run in-process. */
export function lambdaContext(name: string, timeoutMs = 30_000) {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `dondoc-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:dondoc-local-${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/dondoc-local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => timeoutMs,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
