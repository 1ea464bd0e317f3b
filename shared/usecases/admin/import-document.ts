import { WorkingCalendar } from '#domain/calendar';
import type { ReminderPolicy } from '#domain/policy';
import { ConflictError } from '../../errors.ts';
import type { StoredPolicy, Write } from '../../ports/store.ts';
import type { Assignment, Contact, Directive, Task, Unit } from '../../schemas/entities.ts';
import { type ImportDocument, importDocumentSchema } from '../../schemas/import.ts';
import { parseWith } from '../../schemas/validation.ts';
import { type Actor, assertAdmin } from '../actor.ts';
import { firstCheckOfChange, planOf, withNextCheck } from '../engine/next-check.ts';
import { ReferenceCache } from '../engine/reference-cache.ts';
import { checkImport } from './import-checks.ts';
import { type PreparedContacts, prepareContacts, undoContacts } from './import-contacts.ts';
import {
  chunk,
  type ImportDeps,
  type ImportMode,
  ImportPlan,
  type ImportResult,
  pick,
  readStored,
  type Stamped,
  type Stored,
  same,
} from './import-plan.ts';
import { planAssignments } from './plan-assignments.ts';

export type { ImportMode, ImportResult } from './import-plan.ts';

/** `create` mode: any id that exists already is a 409, before anything is written. */
function assertNoneTaken(stored: Stored): void {
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

const UNIT_FIELDS: (keyof Unit)[] = ['name', 'kind', 'parentId'];
const CONTACT_FIELDS: (keyof Contact)[] = [
  'name',
  'role',
  'phone',
  'email',
  'channels',
  'emailStatus',
  'emailTopicArn',
  'subscriptionArn',
];
const DIRECTIVE_FIELDS: (keyof Directive)[] = ['number', 'issuedOn', 'issuer', 'title'];
const TASK_FIELDS: (keyof Task)[] = ['title', 'due', 'policy', 'lead', 'support', 'urgent', 'recurrence'];

/** Units (a unit's shared topic of an older release is kept until `migrate-email-topics`) and contacts. */
function planUnitsAndContacts(
  plan: ImportPlan,
  doc: ImportDocument,
  stored: Stored,
  prepared: PreparedContacts,
) {
  for (const [i, input] of doc.units.entries()) {
    const old = stored.units[i];
    const value = { ...input, ...(old?.emailTopicArn ? { emailTopicArn: old.emailTopicArn } : {}) };
    plan.upsert<Unit>(
      'units',
      (v) => ({ op: 'put', entity: { kind: 'unit', value: v } }),
      value,
      old,
      (o) => pick(o, UNIT_FIELDS) === pick(value as Unit, UNIT_FIELDS),
    );
  }
  prepared.contacts.forEach((value, i) => {
    plan.upsert<Contact>(
      'contacts',
      (v) => ({ op: 'put', entity: { kind: 'contact', value: v } }),
      value,
      stored.contacts[i],
      (o) => pick(o, CONTACT_FIELDS) === pick(value as Contact, CONTACT_FIELDS),
    );
  });
}

/** Directives, their tasks, and each task's missing assignments (kept in the task's group). */
async function planDirectives(
  deps: ImportDeps,
  plan: ImportPlan,
  doc: ImportDocument,
  stored: Stored,
  occurrences: Map<string, string[] | undefined>,
  now: Date,
  policies: ReminderPolicy[],
): Promise<void> {
  const calendar = WorkingCalendar.create(await deps.store.listOverrides());
  const planned = firstChecks(deps, policies, calendar, now);
  for (const [i, d] of doc.directives.entries()) {
    const { tasks, ...fields } = d;
    plan.upsert<Directive>(
      'directives',
      (v) => ({ op: 'put', entity: { kind: 'directive', value: v } }),
      fields,
      stored.directives[i],
      (o) => pick(o, DIRECTIVE_FIELDS) === pick(fields as Directive, DIRECTIVE_FIELDS),
    );
    for (const [j, t] of tasks.entries()) {
      const group: Write[] = [];
      plan.groups.push(group);
      const old = stored.tasks[i]?.[j];
      const value: Omit<Task, keyof Stamped> = {
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
      const task = plan.upsert<Task>(
        'tasks',
        (v) => ({ op: 'put', entity: { kind: 'task', value: v } }),
        value,
        old,
        (o) => pick(o, TASK_FIELDS) === pick(value as Task, TASK_FIELDS),
        group,
      );
      const existing = old
        ? new Set((await deps.store.listAssignmentsOfTask(t.id)).map((a) => a.id))
        : new Set<string>();
      const due = `directives[${i}].tasks[${j}].due`;
      for (const assignment of planAssignments(task, calendar, now, occurrences.get(t.id), due)) {
        if (existing.has(assignment.id)) {
          plan.result.unchanged.assignments += 1;
          continue;
        }
        const value = await planned(assignment);
        group.push({ op: 'put', entity: { kind: 'assignment', value }, expect: 'absent' });
        plan.result.created.assignments += 1;
      }
    }
  }
}

/**
 * A new assignment with its first check already planned, as the stream planner would plan it
 * (`firstCheckOfChange`, under the document's policy of that name, else the stored one): the
 * planner then finds it planned and writes nothing, instead of one more write per assignment.
 */
function firstChecks(deps: ImportDeps, policies: ReminderPolicy[], calendar: WorkingCalendar, now: Date) {
  const inDocument = new Map(policies.map((p) => [p.name, p]));
  const refs = new ReferenceCache(deps.store);
  return async (a: Assignment): Promise<Assignment> => {
    const policy = inDocument.get(a.policy) ?? (await refs.policy(a.policy));
    return withNextCheck(a, firstCheckOfChange(planOf(a, policy, calendar), now, a, policy, calendar));
  };
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
  deps: ImportDeps,
  input: unknown,
  actor: Actor,
  options: { mode?: ImportMode } = {},
): Promise<ImportResult> {
  assertAdmin(actor);
  const mode = options.mode ?? 'create';
  const doc: ImportDocument = parseWith(importDocumentSchema, input, 'import document');
  const { policies, occurrences } = await checkImport(deps.store, doc);
  const stored = await readStored(deps.store, doc, policies);
  if (mode === 'create') assertNoneTaken(stored);

  const now = deps.clock.now();
  const plan = new ImportPlan(mode, now.toISOString());
  policies.forEach((policy, i) => {
    plan.upsert<StoredPolicy>(
      'policies',
      (value) => ({ op: 'put', entity: { kind: 'policy', value } }),
      policy,
      stored.policies[i],
      ({ version: _v, createdAt: _c, updatedAt: _u, ...rest }) => same(rest, policy),
    );
  });
  const prepared = await prepareContacts(deps, doc, stored);
  try {
    planUnitsAndContacts(plan, doc, stored, prepared);
    await planDirectives(deps, plan, doc, stored, occurrences, now, policies);
    for (const writes of chunk(plan.groups.filter((g) => g.length > 0))) {
      await deps.store.write(writes);
      plan.result.transactions += 1;
    }
  } catch (error) {
    // Nothing written: the contacts' new topics go too. Once a chunk is in, a re-run finishes it.
    if (plan.result.transactions === 0) await undoContacts(prepared);
    throw error;
  }
  for (const after of prepared.after) await after();
  return plan.result;
}
