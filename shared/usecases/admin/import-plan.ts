import type { Dependencies } from '#ports/dependencies';
import type { EntityRef, StoredPolicy, Write } from '../../ports/store.ts';
import type { Contact, Directive, Task, Unit } from '../../schemas/entities.ts';
import type { ImportDocument } from '../../schemas/import.ts';

/**
 * The bookkeeping of an import: what the store holds already, the writes grouped and packed into
 * transactions, and the counts of what is created, updated or left alone.
 */

export type ImportDeps = Pick<Dependencies, 'store' | 'clock' | 'subscriptions'>;
export type Kind = 'policies' | 'units' | 'contacts' | 'directives' | 'tasks' | 'assignments';
export type ImportMode = 'create' | 'upsert';

export interface ImportResult {
  mode: ImportMode;
  created: Record<Kind, number>;
  updated: Record<Kind, number>;
  unchanged: Record<Kind, number>;
  /** Number of store transactions (chunks of at most 100 items). */
  transactions: number;
}

/** Items per transaction (DynamoDB's TransactWriteItems limit). */
export const CHUNK = 100;

const zero = (): Record<Kind, number> => ({
  policies: 0,
  units: 0,
  contacts: 0,
  directives: 0,
  tasks: 0,
  assignments: 0,
});
/** JSON with object keys sorted: DynamoDB maps come back in any key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
export const pick = <T extends object, K extends keyof T>(o: T, keys: K[]) =>
  canonical(keys.map((k) => o[k] ?? null));

/** Packs groups (a task with its assignments stays together when it fits) into transactions of <= CHUNK. */
export function chunk(groups: Write[][]): Write[][] {
  const chunks: Write[][] = [];
  let current: Write[] = [];
  for (const group of groups) {
    if (current.length + group.length > CHUNK && current.length > 0) {
      chunks.push(current);
      current = [];
    }
    for (const write of group) {
      if (current.length === CHUNK) {
        chunks.push(current);
        current = [];
      }
      current.push(write);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export type Stamped = { version: number; createdAt: string; updatedAt: string };
export type ContactValue = Omit<Contact, 'version' | 'createdAt' | 'updatedAt'>;
export type Stored = Awaited<ReturnType<typeof readStored>>;

/** Collects an import's writes in groups and counts what is created, updated or left alone. */
export class ImportPlan {
  readonly groups: Write[][] = [];
  readonly result: ImportResult;

  constructor(
    mode: ImportMode,
    readonly stamp: string,
  ) {
    this.result = { mode, created: zero(), updated: zero(), unchanged: zero(), transactions: 0 };
  }

  /** Adds the put of `value` as new, changed or unchanged against `old`; returns the value written (or kept). */
  upsert<T extends Stamped>(
    kind: Kind,
    entity: (value: T) => Write,
    value: Omit<T, keyof Stamped>,
    old: T | undefined,
    equal: (old: T) => boolean,
    group?: Write[],
  ): T {
    const target = group ?? [];
    if (!group) this.groups.push(target);
    if (!old) {
      const fresh = { ...value, version: 1, createdAt: this.stamp, updatedAt: this.stamp } as T;
      target.push({ ...entity(fresh), expect: 'absent' } as Write);
      this.result.created[kind] += 1;
      return fresh;
    }
    if (equal(old)) {
      this.result.unchanged[kind] += 1;
      return old;
    }
    const next = { ...old, ...value, version: old.version + 1, updatedAt: this.stamp } as T;
    target.push({ ...entity(next), expect: old.version } as Write);
    this.result.updated[kind] += 1;
    return next;
  }
}

/** What the store already holds of every item in the document (undefined where new): one batch read. */
export async function readStored(
  store: ImportDeps['store'],
  doc: ImportDocument,
  policies: { name: string }[],
) {
  const tasks = doc.directives.flatMap((d) =>
    d.tasks.map((t): EntityRef => ({ kind: 'task', directiveId: d.id, id: t.id })),
  );
  const refs: EntityRef[] = [
    ...policies.map((p): EntityRef => ({ kind: 'policy', name: p.name })),
    ...doc.units.map((u): EntityRef => ({ kind: 'unit', id: u.id })),
    ...doc.contacts.map((c): EntityRef => ({ kind: 'contact', unitId: c.unitId, id: c.id })),
    ...doc.directives.map((d): EntityRef => ({ kind: 'directive', id: d.id })),
    ...tasks,
  ];
  const found = await store.getEach<unknown>(refs);
  const take = <T>(n: number) => found.splice(0, n) as (T | undefined)[];
  return {
    policies: take<StoredPolicy>(policies.length),
    units: take<Unit>(doc.units.length),
    contacts: take<Contact>(doc.contacts.length),
    directives: take<Directive>(doc.directives.length),
    tasks: doc.directives.map((d) => take<Task>(d.tasks.length)),
  };
}
