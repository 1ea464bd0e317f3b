import { parsePolicy } from '#domain/policy';
import { type FieldIssue, ValidationError } from '../../errors.ts';
import type { Store } from '../../ports/store.ts';

/** The two lookups the checks make for ids the document does not define. */
export type ImportLookups = Pick<Store, 'getUnit' | 'getPolicy'>;

import type { ImportDocument } from '../../schemas/import.ts';
import type { ReminderPolicy } from '../../schemas/policy.ts';
import { MAX_ASSIGNMENTS_PER_TASK, occurrenceDates } from './plan-assignments.ts';
import { DEFAULT_POLICY_NAME } from './policies.ts';

/** Memoised existence checks against the store for ids the document does not define. */
function storeLookups(store: ImportLookups) {
  const units = new Map<string, Promise<string | null | undefined>>();
  const policies = new Map<string, Promise<boolean>>();
  return {
    /** The stored unit's parentId (null for a root), or undefined when there is no such unit. */
    unitParent(id: string) {
      if (!units.has(id))
        units.set(
          id,
          store.getUnit(id).then((u) => (u ? u.parentId : undefined)),
        );
      return units.get(id) as Promise<string | null | undefined>;
    },
    policyExists(name: string) {
      if (!policies.has(name)) policies.set(name, store.getPolicy(name).then(Boolean));
      return policies.get(name) as Promise<boolean>;
    },
  };
}

function duplicates<T>(
  items: T[],
  key: (item: T) => string,
  path: (i: number) => string,
  issues: FieldIssue[],
): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const j = first.get(k);
    if (j === undefined) first.set(k, i);
    else issues.push({ path: path(i), rule: `duplicate id "${k}" (first at ${path(j)})` });
  });
}

/**
 * The tasks that `simulate` events create mid-period (`{"type":"task"}`), checked like the
 * directives' own; each must name a directive of the document.
 */
function eventTasks(doc: ImportDocument, issues: FieldIssue[]) {
  const directives = new Set(doc.directives.map((d) => d.id));
  return (doc.events ?? []).flatMap((e, k) => {
    if (e.type !== 'task') return [];
    if (!directives.has(e.directive))
      issues.push({ path: `events[${k}].directive`, rule: `unknown directive "${e.directive}"` });
    return [{ t: e.task, path: `events[${k}].task` }];
  });
}

/**
 * Everything zod cannot see, checked before anything is written: policies' domain rules,
 * duplicate ids, unknown parent/unit/lead/support/policy references (against the document and
 * the store), parent cycles, recurrences — for the tasks of `simulate`'s task events too.
 * Returns the parsed policies and each task's occurrence dates; throws one ValidationError
 * listing every issue with its path.
 */
export async function checkImport(
  store: ImportLookups,
  doc: ImportDocument,
): Promise<{ policies: ReminderPolicy[]; occurrences: Map<string, string[] | undefined> }> {
  const issues: FieldIssue[] = [];
  const lookups = storeLookups(store);
  const policies: ReminderPolicy[] = [];
  doc.policies.forEach((raw, i) => {
    try {
      policies.push(parsePolicy(raw));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues)
        issues.push({ path: `policies[${i}]${issue.path ? `.${issue.path}` : ''}`, rule: issue.rule });
    }
  });
  duplicates(
    doc.units,
    (u) => u.id,
    (i) => `units[${i}].id`,
    issues,
  );
  duplicates(
    doc.contacts,
    (c) => `${c.unitId}/${c.id}`,
    (i) => `contacts[${i}].id`,
    issues,
  );
  duplicates(
    doc.policies,
    (p) => p.name,
    (i) => `policies[${i}].name`,
    issues,
  );
  duplicates(
    doc.directives,
    (d) => d.id,
    (i) => `directives[${i}].id`,
    issues,
  );
  const tasks = [
    ...doc.directives.flatMap((d, i) => d.tasks.map((t, j) => ({ t, path: `directives[${i}].tasks[${j}]` }))),
    ...eventTasks(doc, issues),
  ];
  const firstTask = new Map<string, string>();
  for (const { t, path } of tasks) {
    const seen = firstTask.get(t.id);
    if (seen) issues.push({ path: `${path}.id`, rule: `duplicate task id "${t.id}" (first at ${seen}.id)` });
    else firstTask.set(t.id, path);
  }

  const docUnits = new Map<string, string | null>();
  for (const u of doc.units) if (!docUnits.has(u.id)) docUnits.set(u.id, u.parentId);
  const unitExists = async (id: string) => docUnits.has(id) || (await lookups.unitParent(id)) !== undefined;
  const parentOf = async (id: string) => (docUnits.has(id) ? docUnits.get(id) : await lookups.unitParent(id));
  for (const [i, unit] of doc.units.entries()) {
    if (unit.parentId === null) continue;
    if (!(await unitExists(unit.parentId))) {
      issues.push({ path: `units[${i}].parentId`, rule: `unknown unit "${unit.parentId}"` });
      continue;
    }
    const chain = [unit.id];
    for (let id: string | null | undefined = unit.parentId; id; id = await parentOf(id)) {
      if (id === unit.id) {
        issues.push({ path: `units[${i}].parentId`, rule: `makes a cycle: ${[...chain, id].join(' -> ')}` });
        break;
      }
      // A cycle further up is reported at its own members.
      if (chain.includes(id)) break;
      chain.push(id);
    }
  }
  for (const [i, contact] of doc.contacts.entries()) {
    if (!(await unitExists(contact.unitId)))
      issues.push({ path: `contacts[${i}].unitId`, rule: `unknown unit "${contact.unitId}"` });
  }

  const docPolicies = new Set(doc.policies.map((p) => p.name));
  const occurrences = new Map<string, string[] | undefined>();
  for (const { t, path } of tasks) {
    for (const field of ['lead', 'support'] as const) {
      const seen = new Set<string>();
      for (const [k, unitId] of t[field].entries()) {
        if (seen.has(unitId))
          issues.push({ path: `${path}.${field}[${k}]`, rule: `unit "${unitId}" is listed twice` });
        else if (!(await unitExists(unitId)))
          issues.push({ path: `${path}.${field}[${k}]`, rule: `unknown unit "${unitId}"` });
        seen.add(unitId);
      }
    }
    if (
      t.policy !== DEFAULT_POLICY_NAME &&
      !docPolicies.has(t.policy) &&
      !(await lookups.policyExists(t.policy))
    ) {
      issues.push({ path: `${path}.policy`, rule: `unknown policy "${t.policy}"` });
    }
    try {
      const dates = occurrenceDates(t, `${path}.recurrence`);
      const count = (dates?.length ?? 1) * t.lead.length;
      if (count > MAX_ASSIGNMENTS_PER_TASK) {
        issues.push({
          path: `${path}.lead`,
          rule: `would create ${count} assignments; at most ${MAX_ASSIGNMENTS_PER_TASK} per task`,
        });
      }
      occurrences.set(t.id, dates);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0)
    throw new ValidationError(`the import document has ${issues.length} error(s)`, issues);
  return { policies, occurrences };
}
