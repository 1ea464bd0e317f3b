import { WorkingCalendar } from '#domain/calendar';
import { parseWith } from '../../api/validation.ts';
import type { Dependencies } from '../../composition/dependencies.ts';
import { ConflictError } from '../../errors.ts';
import type { StoredPolicy, Write } from '../../ports/store.ts';
import type { Contact, Directive, Task, Unit } from '../../schemas/entities.ts';
import { type ImportDocument, importDocumentSchema } from '../../schemas/import.ts';
import { type Actor, assertAdmin } from '../actor.ts';
import { checkImport } from './import-checks.ts';
import { planAssignments } from './plan-assignments.ts';

type Deps = Pick<Dependencies, 'store' | 'clock' | 'subscriptions'>;
type Kind = 'policies' | 'units' | 'contacts' | 'directives' | 'tasks' | 'assignments';
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
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const pick = <T extends object, K extends keyof T>(o: T, keys: K[]) =>
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

/**
 * Loads an import document (POST /import, `dondoc seed`, `dondoc simulate`). The whole document
 * is validated (zod, then references, duplicates, cycles, recurrences) before anything is
 * written. `create` (default): any id that already exists is a 409 and nothing is written.
 * `upsert`: identical items are left alone, changed ones replaced (version + 1), and a task's
 * existing assignments are kept as they are (live progress), only missing ones are added — so
 * re-running the same document is safe and writes nothing. A large document is written in
 * several transactions of at most 100 items; if one fails, re-run it with `upsert` to finish.
 */
export async function importDocument(
  deps: Deps,
  input: unknown,
  actor: Actor,
  options: { mode?: ImportMode } = {},
): Promise<ImportResult> {
  assertAdmin(actor);
  const mode = options.mode ?? 'create';
  const doc: ImportDocument = parseWith(importDocumentSchema, input, 'import document');
  const { policies, occurrences } = await checkImport(deps.store, doc);
  const { store } = deps;
  const stored = {
    policies: await Promise.all(policies.map((p) => store.getPolicy(p.name))),
    units: await Promise.all(doc.units.map((u) => store.getUnit(u.id))),
    contacts: await Promise.all(doc.contacts.map((c) => store.getContact(c.unitId, c.id))),
    directives: await Promise.all(doc.directives.map((d) => store.getDirective(d.id))),
    tasks: await Promise.all(
      doc.directives.map((d) => Promise.all(d.tasks.map((t) => store.getTask(d.id, t.id)))),
    ),
  };
  if (mode === 'create') {
    const taken = [
      ...stored.policies.flatMap((p, i) => (p ? [`policies[${i}]`] : [])),
      ...stored.units.flatMap((u, i) => (u ? [`units[${i}]`] : [])),
      ...stored.contacts.flatMap((c, i) => (c ? [`contacts[${i}]`] : [])),
      ...stored.directives.flatMap((d, i) => (d ? [`directives[${i}]`] : [])),
      ...stored.tasks.flatMap((ts, i) => ts.flatMap((t, j) => (t ? [`directives[${i}].tasks[${j}]`] : []))),
    ];
    if (taken.length > 0) {
      throw new ConflictError(
        `${taken.length} item(s) already exist (${taken.slice(0, 5).join(', ')}${taken.length > 5 ? ', ...' : ''}); use ?mode=upsert to update them`,
      );
    }
  }

  const now = deps.clock.now();
  const stamp = now.toISOString();
  const result: ImportResult = { mode, created: zero(), updated: zero(), unchanged: zero(), transactions: 0 };
  const groups: Write[][] = [];
  /** Adds the put of `value` as new, changed or unchanged against `old`; returns the value written (or kept). */
  const upsert = <T extends { version: number; createdAt: string; updatedAt: string }>(
    kind: Kind,
    entity: (value: T) => Write,
    value: Omit<T, 'version' | 'createdAt' | 'updatedAt'>,
    old: T | undefined,
    equal: (old: T) => boolean,
    group?: Write[],
  ): T => {
    const target = group ?? [];
    if (!group) groups.push(target);
    if (!old) {
      const fresh = { ...value, version: 1, createdAt: stamp, updatedAt: stamp } as T;
      target.push({ ...entity(fresh), expect: 'absent' } as Write);
      result.created[kind] += 1;
      return fresh;
    }
    if (equal(old)) {
      result.unchanged[kind] += 1;
      return old;
    }
    const next = { ...old, ...value, version: old.version + 1, updatedAt: stamp } as T;
    target.push({ ...entity(next), expect: old.version } as Write);
    result.updated[kind] += 1;
    return next;
  };

  policies.forEach((policy, i) => {
    upsert<StoredPolicy>(
      'policies',
      (value) => ({ op: 'put', entity: { kind: 'policy', value } }),
      policy,
      stored.policies[i],
      (old) => {
        const { version: _v, createdAt: _c, updatedAt: _u, ...rest } = old;
        return same(rest, policy);
      },
    );
  });

  // Email topics first (a side effect outside the table, done only once validation has passed).
  const unitsInDoc = new Map(doc.units.map((u, i) => [u.id, { input: u, old: stored.units[i] }]));
  const topics = new Map<string, string>();
  const extraUnitWrites: Write[] = [];
  const topicOf = async (unitId: string): Promise<string> => {
    const known = topics.get(unitId);
    if (known) return known;
    const inDoc = unitsInDoc.get(unitId);
    const storedUnit = inDoc ? inDoc.old : await store.getUnit(unitId);
    let arn = storedUnit?.emailTopicArn;
    if (!arn) {
      arn = await deps.subscriptions.ensureTopic(unitId);
      if (!inDoc && storedUnit) {
        const value: Unit = {
          ...storedUnit,
          emailTopicArn: arn,
          version: storedUnit.version + 1,
          updatedAt: stamp,
        };
        extraUnitWrites.push({ op: 'put', entity: { kind: 'unit', value }, expect: storedUnit.version });
      }
    }
    topics.set(unitId, arn);
    return arn;
  };
  const contactValues: Omit<Contact, 'version' | 'createdAt' | 'updatedAt'>[] = [];
  const unsubscribeAfter: string[] = [];
  const subscribedOn = new Map<string, (typeof contactValues)[number][]>();
  for (const [i, c] of doc.contacts.entries()) {
    const old = stored.contacts[i];
    const channels = c.channels ?? ['sms', 'email'];
    const wants = c.email !== undefined && channels.includes('email');
    const keep =
      old && old.emailStatus !== 'none' && wants && old.email?.toLowerCase() === c.email?.toLowerCase();
    const value: Omit<Contact, 'version' | 'createdAt' | 'updatedAt'> = {
      id: c.id,
      unitId: c.unitId,
      name: c.name,
      role: c.role,
      channels,
      emailStatus: keep ? old.emailStatus : 'none',
      ...(c.phone !== undefined ? { phone: c.phone } : {}),
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(keep && old.subscriptionArn ? { subscriptionArn: old.subscriptionArn } : {}),
    };
    const fields: (keyof Contact)[] = ['name', 'role', 'phone', 'email', 'channels'];
    const changed = !old || pick(old, fields) !== pick(value as Contact, fields) || (wants && !keep);
    if (changed && wants && !keep && c.email) {
      const topicArn = await topicOf(c.unitId);
      const arn = await deps.subscriptions.subscribe(topicArn, c.email);
      value.emailStatus = 'pending';
      if (arn.startsWith('arn:')) value.subscriptionArn = arn;
      subscribedOn.set(topicArn, [...(subscribedOn.get(topicArn) ?? []), value]);
    }
    if (old?.subscriptionArn?.startsWith('arn:') && !keep) unsubscribeAfter.push(old.subscriptionArn);
    contactValues.push(value);
  }

  // SNS returns an ARN even while pending: ask each topic once which addresses are confirmed.
  for (const [topicArn, values] of subscribedOn) {
    const statuses = await deps.subscriptions.statuses(topicArn);
    for (const value of values) {
      const known = value.email ? statuses.get(value.email.toLowerCase()) : undefined;
      if (known?.status === 'confirmed') value.emailStatus = 'confirmed';
      if (!value.subscriptionArn && known?.subscriptionArn) value.subscriptionArn = known.subscriptionArn;
    }
  }

  for (const { input, old } of unitsInDoc.values()) {
    const topic = topics.get(input.id) ?? old?.emailTopicArn;
    const value = { ...input, ...(topic ? { emailTopicArn: topic } : {}) };
    upsert<Unit>(
      'units',
      (v) => ({ op: 'put', entity: { kind: 'unit', value: v } }),
      value,
      old,
      (o) =>
        pick(o, ['name', 'kind', 'parentId', 'emailTopicArn']) ===
        pick(value as Unit, ['name', 'kind', 'parentId', 'emailTopicArn']),
    );
  }
  if (extraUnitWrites.length > 0) groups.push(extraUnitWrites);
  const contactFields: (keyof Contact)[] = [
    'name',
    'role',
    'phone',
    'email',
    'channels',
    'emailStatus',
    'subscriptionArn',
  ];
  contactValues.forEach((value, i) => {
    upsert<Contact>(
      'contacts',
      (v) => ({ op: 'put', entity: { kind: 'contact', value: v } }),
      value,
      stored.contacts[i],
      (o) => pick(o, contactFields) === pick(value as Contact, contactFields),
    );
  });

  const calendar = WorkingCalendar.create(await store.listOverrides());
  for (const [i, d] of doc.directives.entries()) {
    const { tasks, ...fields } = d;
    upsert<Directive>(
      'directives',
      (v) => ({ op: 'put', entity: { kind: 'directive', value: v } }),
      fields,
      stored.directives[i],
      (o) =>
        pick(o, ['number', 'issuedOn', 'issuer', 'title']) ===
        pick(fields as Directive, ['number', 'issuedOn', 'issuer', 'title']),
    );
    for (const [j, t] of tasks.entries()) {
      const group: Write[] = [];
      groups.push(group);
      const old = stored.tasks[i]?.[j];
      const value: Omit<Task, 'version' | 'createdAt' | 'updatedAt'> = {
        id: t.id,
        directiveId: d.id,
        title: t.title,
        due: t.due,
        policy: t.policy,
        lead: t.lead,
        support: t.support,
        urgent: t.urgent,
        ...(t.recurrence !== undefined ? { recurrence: t.recurrence } : {}),
      };
      const taskFields: (keyof Task)[] = [
        'title',
        'due',
        'policy',
        'lead',
        'support',
        'urgent',
        'recurrence',
      ];
      const task = upsert<Task>(
        'tasks',
        (v) => ({ op: 'put', entity: { kind: 'task', value: v } }),
        value,
        old,
        (o) => pick(o, taskFields) === pick(value as Task, taskFields),
        group,
      );
      const existing = old
        ? new Set((await store.listAssignmentsOfTask(t.id)).map((a) => a.id))
        : new Set<string>();
      for (const assignment of planAssignments(task, calendar, now, occurrences.get(t.id))) {
        if (existing.has(assignment.id)) {
          result.unchanged.assignments += 1;
          continue;
        }
        group.push({ op: 'put', entity: { kind: 'assignment', value: assignment }, expect: 'absent' });
        result.created.assignments += 1;
      }
    }
  }

  for (const writes of chunk(groups.filter((g) => g.length > 0))) {
    await store.write(writes);
    result.transactions += 1;
  }
  for (const arn of unsubscribeAfter) await deps.subscriptions.unsubscribe(arn);
  return result;
}
