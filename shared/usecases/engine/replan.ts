import type { ReminderPolicy } from '#domain/policy';
import type { PlannerDependencies } from '#ports/dependencies';
import type { StoredPolicy } from '#ports/store';
import type { Assignment, CalendarOverride } from '#schemas/entities';
import { ConflictError } from '#shared/errors';
import { logger } from '#shared/logger';
import { loadCalendar } from './calendar-cache.ts';
import { firstCheckFrom, firstCheckOfChange, planOf, sameInstant, withNextCheck } from './next-check.ts';
import { ReferenceCache } from './reference-cache.ts';

/**
 * What the plans depend on besides the assignment: its policy and the calendar. When one of them
 * changes, the planner bumps `planVersion` of the open assignments concerned (conditional on
 * `version`); each bump is an assignment change the planner then replans like any other (stale
 * fires of the old plan are dropped, reminder keys restart under the new version, reminders
 * already in the past are not resent, and earlier today only as the catch-up rule says). Open assignments are read by index (GSI4, `ASGS#open`),
 * page by page: a policy or calendar change is a rare administrative act. A policy just created
 * concerns only the assignments created before it (they named it while it did not exist, and were
 * planned with the default): one created with it or since was planned with it, as an import's are.
 */
export async function replanForPolicy(
  deps: PlannerDependencies,
  before?: StoredPolicy,
  after?: StoredPolicy,
): Promise<number> {
  if (!after || (before && samePlanRules(before, after))) return 0;
  const calendar = await loadCalendar(deps.store);
  return bumpOpen(
    deps,
    (a) => a.policy === after.name && (before !== undefined || a.createdAt < after.createdAt),
    (a, now) => firstCheckOfChange(planOf(a, after, calendar), now, a, after, calendar),
    `policy ${after.name} changed`,
  );
}

/** A calendar override added, changed or removed: replan the open assignments whose next check moves. */
export async function replanForCalendar(
  deps: PlannerDependencies,
  change: { before?: CalendarOverride; after?: CalendarOverride },
) {
  if (change.before && change.after && change.before.kind === change.after.kind) return 0;
  const now = deps.clock.now();
  const refs = new ReferenceCache(deps.store);
  const calendar = await refs.calendar();
  const reason = `calendar override ${(change.after ?? change.before)?.date}`;
  const first = async (a: Assignment, at: Date, catchUp = true) => {
    const policy = await refs.policy(a.policy);
    const plan = planOf(a, policy, calendar);
    return catchUp ? firstCheckOfChange(plan, at, a, policy, calendar) : firstCheckFrom(plan, at);
  };
  // Concerned: the next check from now moves (what already went out today is no reason to replan).
  const moves = async (a: Assignment) => {
    if (a.nextCheckAt && new Date(a.nextCheckAt).getTime() <= now.getTime()) return false; // a fire is due: it replans itself
    return !sameInstant(await first(a, now, false), a.nextCheckAt);
  };
  return bumpOpen(deps, moves, first, reason);
}

function samePlanRules(a: ReminderPolicy, b: ReminderPolicy): boolean {
  const rules = (p: ReminderPolicy) => JSON.stringify([p.sendAt, p.quietHours, p.steps]);
  return rules(a) === rules(b);
}

/** The first check of an assignment's new plan, made at `now`. */
type FirstCheck = (a: Assignment, now: Date) => Date | undefined | Promise<Date | undefined>;

async function bumpOpen(
  deps: PlannerDependencies,
  concerned: (a: Assignment) => boolean | Promise<boolean>,
  first: FirstCheck,
  reason: string,
): Promise<number> {
  let bumped = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.store.listAssignments({ state: 'open', limit: 100, ...(cursor && { cursor }) });
    for (const a of page.items) {
      if ((await concerned(a)) && (await bump(deps, a, first))) bumped++;
    }
    cursor = page.cursor;
  } while (cursor);
  logger.info('plans bumped', { reason, bumped });
  return bumped;
}

/**
 * Bumps `planVersion` and writes the new plan's next check in the same write (what the planner
 * would compute from the bump's stream record anyway: `firstCheckOfChange`), so a bump costs one
 * write, not two.
 */
async function bump(deps: PlannerDependencies, seen: Assignment, first: FirstCheck): Promise<boolean> {
  let a: Assignment | undefined = seen;
  for (let attempt = 0; attempt < 3 && a?.state === 'open'; attempt++) {
    const now = deps.clock.now();
    const value = {
      ...withNextCheck(a, await first(a, now)),
      planVersion: a.planVersion + 1,
      version: a.version + 1,
      updatedAt: now.toISOString(),
    };
    try {
      await deps.store.write([{ op: 'put', entity: { kind: 'assignment', value }, expect: a.version }]);
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      a = await deps.store.getAssignment(seen.id);
    }
  }
  return false;
}
