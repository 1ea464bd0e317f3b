import { ValidationError } from '../errors.ts';
import type { Page } from '../ports/store.ts';

/**
 * Opaque cursors of the API. A store cursor is wrapped (`{s}`), an in-memory list position is an
 * offset (`{o}`); both base64url JSON, so a tampered cursor is a 400, never a 500.
 */
type CursorBody = { s: string } | { o: number };

function encode(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const invalidCursor = () =>
  new ValidationError('invalid cursor', [
    { path: 'cursor', rule: 'must be a cursor returned by a previous page' },
  ]);

function decode(cursor: string): CursorBody {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (typeof b.s === 'string' && b.s.length > 0) return { s: b.s };
    if (typeof b.o === 'number' && Number.isInteger(b.o) && b.o >= 0) return { o: b.o };
  }
  throw invalidCursor();
}

/** The store cursor inside an API cursor (undefined for the first page). */
export function storeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const body = decode(cursor);
  if (!('s' in body)) throw invalidCursor();
  return body.s;
}

/** A page query (`limit`, API `cursor`) as the store's page request. */
export function storePage(query: { limit: number; cursor?: string | undefined }): {
  limit: number;
  cursor?: string;
} {
  const cursor = storeCursor(query.cursor);
  return cursor === undefined ? { limit: query.limit } : { limit: query.limit, cursor };
}

/** A store page as an API page. */
export function wrapPage<T, U = T>(page: Page<T>, map?: (item: T) => U): { items: U[]; cursor?: string } {
  const items = map ? page.items.map(map) : (page.items as unknown as U[]);
  return page.cursor ? { items, cursor: encode({ s: page.cursor }) } : { items };
}

/** One page of a list the store returns whole (contacts of a unit, tasks of a directive, ...). */
export function pageOfList<T>(
  all: T[],
  limit: number,
  cursor: string | undefined,
): { items: T[]; cursor?: string } {
  let offset = 0;
  if (cursor !== undefined) {
    const body = decode(cursor);
    if (!('o' in body)) throw invalidCursor();
    offset = body.o;
  }
  const items = all.slice(offset, offset + limit);
  const next = offset + limit;
  return next < all.length ? { items, cursor: encode({ o: next }) } : { items };
}
