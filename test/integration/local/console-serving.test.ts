import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from '#local/runtime/http-server';
import { loadSecret, signToken, verifyToken } from '#local/runtime/tokens';
import { VirtualClock } from '#local/runtime/virtual-clock';
import { serveConsole } from '../../../web/serve.ts';

const SCRIPT = `export const words = ${JSON.stringify('Đôn đốc nhắc việc '.repeat(200))};`;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A console build in a temporary folder, as `npm run build:web` leaves it: files and their .br and .gz. */
async function servedDist(): Promise<string> {
  const dist = await mkdtemp(join(tmpdir(), 'dondoc-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>dondoc</title>');
  const file = join(dist, 'assets', 'app-TEST.js');
  await writeFile(file, SCRIPT);
  await writeFile(`${file}.br`, brotliCompressSync(SCRIPT));
  await writeFile(`${file}.gz`, gzipSync(SCRIPT));
  const server: Server = createServer((req, res) => {
    if (!serveConsole(req, res, dist)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A GET that keeps the bytes as sent (fetch would decode them). */
function raw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe("the local runtime's console files", () => {
  it('sends a script brotli-compressed when the browser accepts it, gzip otherwise, plain when neither', async () => {
    // Prepare
    const base = await servedDist();
    // Act
    const br = await raw(`${base}/assets/app-TEST.js`, { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await raw(`${base}/assets/app-TEST.js`, { 'accept-encoding': 'gzip' });
    const plain = await raw(`${base}/assets/app-TEST.js`, { 'accept-encoding': 'br;q=0, identity' });
    // Assess
    expect([br.headers['content-encoding'], brotliDecompressSync(br.body).toString()]).toEqual([
      'br',
      SCRIPT,
    ]);
    expect([gz.headers['content-encoding'], gunzipSync(gz.body).toString()]).toEqual(['gzip', SCRIPT]);
    expect([plain.headers['content-encoding'], plain.body.toString()]).toEqual([undefined, SCRIPT]);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers /config.json with the local settings rather than a 404', async () => {
    // Prepare
    const base = await servedDist();
    // Act
    const response = await raw(`${base}/config.json`);
    // Assess
    expect([response.status, JSON.parse(response.body.toString())]).toEqual([200, { apiBase: '' }]);
  });
});

describe("the local runtime's API replies", () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('compresses a large JSON reply as CloudFront does, and leaves a small one as it is', async () => {
    // Prepare
    const secret = await loadSecret(await mkdtemp(join(tmpdir(), 'dondoc-http-')));
    const big = JSON.stringify({
      items: Array.from({ length: 200 }, (_, i) => ({ id: `so-${i}`, name: 'Sở Nội vụ' })),
    });
    server = await startHttpServer({
      port: 0,
      clock: new VirtualClock(new Date('2026-03-02T01:00:00Z')),
      verify: (token) => verifyToken(secret, token),
      handler: async (event) => ({
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: event.rawPath === '/units' ? big : '{"ok":true}',
      }),
    });
    const headers = {
      authorization: `Bearer ${await signToken(secret, { role: 'admin' })}`,
      'accept-encoding': 'gzip',
    };
    // Act
    const large = await raw(`${server.url}/units`, headers);
    const small = await raw(`${server.url}/health`, headers);
    // Assess
    expect([large.headers['content-encoding'], gunzipSync(large.body).toString()]).toEqual(['gzip', big]);
    expect([small.headers['content-encoding'], small.body.toString()]).toEqual([undefined, '{"ok":true}']);
  });
});
