import type { PlannerDependencies } from '#ports/dependencies';
import type { StoredPolicy } from '#ports/store';
import type { Assignment, CalendarOverride } from '#schemas/entities';
import { describeError, logger } from '#shared/logger';
import { type PlanRules, planAssignmentChange } from './plan-assignment.ts';
import { ReferenceCache } from './reference-cache.ts';
import { replanForCalendar, replanForPolicy } from './replan.ts';

/** What one stream record changed (decoded by shared/adapters/dynamodb/stream-records.ts). */
export type StreamChange =
  | { kind: 'assignment'; id: string; before?: Assignment; after?: Assignment }
  | { kind: 'policy'; id: string; before?: StoredPolicy; after?: StoredPolicy }
  | { kind: 'override'; id: string; before?: CalendarOverride; after?: CalendarOverride }
  | { kind: 'other'; id: string };

export interface BatchRecord<R> {
  /** The record's SequenceNumber: what a partial batch failure reports. */
  sequence: string;
  record: R;
}

/** Records of different items are planned concurrently, up to this many at once. */
const CONCURRENCY = 8;

/**
 * Plans one stream batch with partial failures: records of the same item are handled in order
 * (and once one fails, the later ones of that item are reported failed too, unprocessed, so they
 * replay in order); records of other items go on regardless. Returns the failed sequence numbers
 * (`batchItemFailures`). Lambda replays from the first failure; every step is idempotent (a
 * replayed record whose change is already applied makes no write and no Scheduler call), so a
 * replay costs reads only.
 */
export async function planBatch<R>(
  deps: PlannerDependencies,
  records: BatchRecord<R>[],
  decode: (record: R) => StreamChange,
): Promise<string[]> {
  const groups = new Map<string, { sequence: string; change?: StreamChange; error?: unknown }[]>();
  for (const { sequence, record } of records) {
    try {
      const change = decode(record);
      const group = groups.get(change.id) ?? [];
      group.push({ sequence, change });
      groups.set(change.id, group);
    } catch (error) {
      groups.set(`undecodable:${sequence}`, [{ sequence, error }]);
    }
  }
  const failed = new Set<string>();
  const rules = new ReferenceCache(deps.store); // policies and the calendar: read once per batch
  // Policy and calendar changes after the batch's assignment changes: their bumps then find those
  // assignments already planned instead of racing the planner for them (a conflict and a re-read each).
  const isRuleChange = (g: { change?: StreamChange }[]) =>
    g.some((i) => i.change?.kind === 'policy' || i.change?.kind === 'override');
  const all = [...groups.values()];
  const queue = all.filter((g) => !isRuleChange(g));
  const ruleChanges = all.filter(isRuleChange);
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (let i = 0; i < group.length; i++) {
        const item = group[i];
        if (!item) continue;
        try {
          if (!item.change) throw item.error;
          await planChange(deps, item.change, rules);
        } catch (error) {
          logger.error('stream record failed', { sequence: item.sequence, error: describeError(error) });
          for (const rest of group.slice(i)) failed.add(rest.sequence);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  queue.push(...ruleChanges);
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return records.map((r) => r.sequence).filter((s) => failed.has(s));
}

async function planChange(deps: PlannerDependencies, change: StreamChange, rules: PlanRules): Promise<void> {
  switch (change.kind) {
    case 'assignment':
      await planAssignmentChange(deps, change, rules);
      return;
    case 'policy':
      await replanForPolicy(deps, change.before, change.after);
      return;
    case 'override':
      await replanForCalendar(deps, change);
      return;
    case 'other':
      return;
  }
}
