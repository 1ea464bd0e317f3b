import { ulid } from 'ulid';
import { ConflictError, NotFoundError } from '../errors.ts';

/**
 * Small helpers shared by the API use cases. Optimistic locking: a caller may send the version it
 * last read (`If-Match`); every write also expects the version the use case itself read, so a
 * change made in between is a 409 either way.
 */

export const newId = (): string => ulid();

export function checkVersion(what: string, stored: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== stored) {
    throw new ConflictError(`${what} is at version ${stored}, not ${expected}: reload and retry`);
  }
}

export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new NotFoundError(`${what} not found`);
  return value;
}

/** Reads every page of a paged store list (bounded: lists of units and directives are small). */
export async function readAll<T>(
  list: (page: { limit?: number; cursor?: string }) => Promise<{ items: T[]; cursor?: string }>,
  maxPages = 1000,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await list({ limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.cursor;
    if (!cursor) break;
  }
  return all;
}
