import { ValidationError } from '../../errors.ts';

/**
 * Opaque page cursors: base64url JSON of `{ q, k }`, where `q` names the list the cursor belongs to
 * and `k` is DynamoDB's LastEvaluatedKey (or, for lists merged from several partitions, the sort
 * key of the last item returned). Decoding checks the shape strictly, so an edited or foreign
 * cursor is a ValidationError on `cursor` rather than a DynamoDB error (a 500).
 */
export type CursorKey = Record<string, string>;

const maxCursorLength = 4096;

export function encodeCursor(list: string, key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ q: list, k: key }), 'utf8').toString('base64url');
}

function invalid(): ValidationError {
  return new ValidationError('the page cursor is not valid for this list', [
    { path: 'cursor', rule: 'invalid cursor' },
  ]);
}

function parse(cursor: string): unknown {
  if (cursor.length === 0 || cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw invalid();
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
}

/**
 * Reads a cursor of `list` whose key has exactly the attributes `names` (all strings); `fixed`
 * pins attributes to the values this query uses (e.g. the index partition), so a cursor cannot
 * move a query into another partition.
 */
export function decodeCursor(
  cursor: string,
  list: string,
  names: readonly string[],
  fixed: Record<string, string> = {},
): CursorKey {
  const payload = parse(cursor);
  if (typeof payload !== 'object' || payload === null) throw invalid();
  const { q, k } = payload as { q?: unknown; k?: unknown };
  if (q !== list || typeof k !== 'object' || k === null || Array.isArray(k)) throw invalid();
  const entries = Object.entries(k);
  if (entries.length !== names.length) throw invalid();
  for (const [name, value] of entries) {
    if (!names.includes(name) || typeof value !== 'string' || value.length === 0 || value.length > 1024) {
      throw invalid();
    }
  }
  const key = k as CursorKey;
  for (const [name, value] of Object.entries(fixed)) if (key[name] !== value) throw invalid();
  return key;
}
