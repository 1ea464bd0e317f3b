import type { FieldIssue } from '../../shared/errors.ts';

/**
 * The HTTP API client. The base is '' locally (the runtime serves the console and the API on one
 * origin) and comes from /config.json in AWS. Errors keep the API's `{ error, message, issues }` so
 * forms can show each issue next to its field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export interface ApiConfig {
  base: string;
  token: () => string | undefined;
  onUnauthorized: () => void;
}

let config: ApiConfig = { base: '', token: () => undefined, onUnauthorized: () => {} };

export function configureApi(next: ApiConfig): void {
  config = next;
}

export interface RequestOptions {
  body?: unknown;
  /** The entity's version, sent as `If-Match` (optimistic locking). */
  ifMatch?: number | undefined;
  query?: Record<string, string | number | undefined>;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const search = params.toString();
  return `${config.base}${path}${search ? `?${search}` : ''}`;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = config.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  const response = await fetch(apiUrl(path, options.query), {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  if (response.ok) return response;
  let body: { error?: string; message?: string; issues?: FieldIssue[] } = {};
  try {
    body = await response.json();
  } catch {
    // a non-JSON error body (a proxy): the status says enough
  }
  if (response.status === 401) config.onUnauthorized();
  throw new ApiError(
    response.status,
    body.error ?? String(response.status),
    body.message ?? response.statusText,
    body.issues ?? [],
  );
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The response body byte for byte (CSV: `text()` would drop the BOM Excel needs). */
export async function apiBlob(path: string, query?: RequestOptions['query']): Promise<Blob> {
  return (await send('GET', path, { ...(query ? { query } : {}) })).blob();
}

/** Saves a file fetched with the session's token (a plain link would go without it) under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const get = <T>(path: string, query?: RequestOptions['query']) =>
  api<T>('GET', path, query ? { query } : {});
export const post = <T>(path: string, body?: unknown, ifMatch?: number) =>
  api<T>('POST', path, { ...(body !== undefined ? { body } : {}), ifMatch });

/** Every item of a paginated list, following the opaque cursor. */
export async function listAll<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: T[]; cursor?: string }>(path, { ...query, limit: 100, cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}
