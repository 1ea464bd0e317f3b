import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Serves the built web console (`web/dist`) from the local runtime's HTTP server, before the API's
 * token check: `GET /` and `/index.html`, `/assets/*` and `/config.json`. Every other path is the
 * API's (the console uses hash routes, so it never claims one). Built on first request when
 * `web/dist` is missing, so `npm start` works on a fresh clone. Files go brotli- or gzip-compressed
 * when the browser accepts it (the build writes both next to each file).
 */
const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The console's own pages may talk to this origin only; no inline script, no framing. */
const SECURITY = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * What CloudFront serves as `/config.json` in AWS, for the local runtime: the API on the same
 * origin, tokens pasted or opened as `?token=` links (no hosted UI).
 */
export const LOCAL_CONFIG = JSON.stringify({ apiBase: '' });

let building: Promise<unknown> | undefined;

/** Builds web/dist once if it is missing (the runtime may also call this at start). */
export function ensureConsoleBuilt(distDir: string = DIST): Promise<unknown> {
  if (existsSync(join(distDir, 'index.html'))) return Promise.resolve();
  building ??= import('./build.ts')
    .then((m) => m.buildConsole())
    .finally(() => {
      building = undefined;
    });
  return building;
}

/** The file under `dist` a console path stands for, or undefined when the path is not the console's. */
export function consoleFile(pathname: string, distDir: string = DIST): string | undefined {
  if (pathname === '/' || pathname === '/index.html') return join(distDir, 'index.html');
  if (!pathname.startsWith('/assets/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = normalize(join(distDir, decoded));
  return file.startsWith(join(distDir, 'assets') + sep) ? file : undefined;
}

/** The codings the request accepts (`q=0` refuses one), brotli before gzip, as CloudFront picks. */
export function acceptedCodings(acceptEncoding: string | undefined): ('br' | 'gzip')[] {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (coding: string) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(ok);
}

/** The precompressed copy of `file` the browser accepts, if the build wrote one. */
export function encodingFor(acceptEncoding: string | undefined, file: string): 'br' | 'gzip' | undefined {
  return acceptedCodings(acceptEncoding).find((c) => existsSync(`${file}.${c === 'br' ? 'br' : 'gz'}`));
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY });
    res.end('Not found\n');
    return;
  }
  const encoding = encodingFor(req.headers['accept-encoding'], file);
  const body = encoding === 'br' ? `${file}.br` : encoding === 'gzip' ? `${file}.gz` : file;
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(statSync(body).size),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
    ...SECURITY,
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(body).pipe(res);
}

function sendConfig(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': TYPES['.json'],
    'content-length': String(Buffer.byteLength(LOCAL_CONFIG)),
    'cache-control': 'no-cache',
    ...SECURITY,
  });
  res.end(req.method === 'HEAD' ? undefined : LOCAL_CONFIG);
}

/**
 * Answers the request when it is the console's (returns true), or leaves it to the API (false).
 * Wire it first in the runtime's request handler: `if (serveConsole(req, res)) return;`
 */
export function serveConsole(req: IncomingMessage, res: ServerResponse, distDir: string = DIST): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (pathname === '/config.json') {
    sendConfig(req, res);
    return true;
  }
  const file = consoleFile(pathname, distDir);
  if (!file) return false;
  if (existsSync(join(distDir, 'index.html'))) {
    sendFile(req, res, file);
    return true;
  }
  ensureConsoleBuilt(distDir).then(
    () => sendFile(req, res, file),
    (error: unknown) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`The web console could not be built (run npm run build:web): ${(error as Error).message}\n`);
    },
  );
  return true;
}
