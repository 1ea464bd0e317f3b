import type { WorkingCalendar } from '#domain/calendar';
import type { ReminderPolicy } from '#domain/policy';
import { isWindowTick, TICK_LISTING_MARGIN_MS } from '#domain/send-windows';
import type { PlannerDependencies } from '#ports/dependencies';
import type { Store } from '#ports/store';
import type { Assignment } from '#schemas/entities';
import { ConflictError } from '#shared/errors';
import { logger } from '#shared/logger';
import { loadCalendar } from './calendar-cache.ts';
import { firstCheckOfChange, planInputsChanged, planOf, sameInstant, withNextCheck } from './next-check.ts';
import { loadPolicy } from './policies.ts';

/** One change of an assignment item as the stream saw it (absent image: inserted or removed). */
export interface AssignmentChange {
  before?: Assignment;
  after?: Assignment;
}

export type PlanOutcome =
  | 'removed' // schedule deleted: the assignment closed or was deleted
  | 'window' // the next check falls on a window tick, which dispatches it: no schedule of its own
  | 'replanned' // nextCheckAt (and maybe planVersion) written; the stream record of that write moves the schedule
  | 'scheduled' // schedule created or moved to nextCheckAt
  | 'unchanged'; // nothing that the schedule depends on moved: no Scheduler call

const MAX_ATTEMPTS = 5;

/**
 * The stream planner's use case: keeps exactly one one-time schedule per open assignment.
 *
 * Two rules, applied to the old and new image of every assignment change:
 * 1. **Plan**: when something the plan is computed from changed (see `planInputsChanged`, plus a
 *    `planVersion` bumped by someone else without touching `nextCheckAt`, which is how policy and
 *    calendar changes ask for a replan), compute `nextCheckAt` = first planned reminder at or after
 *    now, or earlier today when the catch-up rule applies (`firstCheckOfChange`), and write it
 *    (conditional on `version`). If the inputs changed but `planVersion` did not,
 *    the planner bumps it, so fires of the old plan are dropped as stale. Nothing else happens for
 *    this record: the write produces the next stream record, which rule 2 turns into one Scheduler call.
 * 2. **Schedule**: when `nextCheckAt` or `planVersion` differ between the images (or it opened),
 *    upsert the schedule at `nextCheckAt` with `{v:1, assignmentId, planVersion}`, or delete it
 *    when there is no next check; when it closed or was removed, delete it.
 * A record that changes neither (a progress report, an acknowledgement, our own rule-2 input) makes
 * no Scheduler call, so the planner's own writes never loop. The Scheduler is called from this one
 * place only: the dispatcher and the sweep write `nextCheckAt` and let the stream move the schedule
 * (the sweep also re-upserts, to recreate schedules that were lost).
 */
/** What planning one assignment reads and writes. */
export type PlanAssignmentDeps = Pick<PlannerDependencies, 'scheduler' | 'clock'> & {
  store: Pick<Store, 'getAssignment' | 'getPolicy' | 'listOverrides' | 'write'>;
};

/** The policies and the calendar a plan is computed from (a stream batch reads each once: ReferenceCache). */
export interface PlanRules {
  policy(name: string): Promise<ReminderPolicy>;
  calendar(): Promise<WorkingCalendar>;
}

const readEachTime = (store: PlanAssignmentDeps['store']): PlanRules => ({
  policy: (name) => loadPolicy(store, name),
  calendar: () => loadCalendar(store),
});

export async function planAssignmentChange(
  deps: PlanAssignmentDeps,
  change: AssignmentChange,
  rules: PlanRules = readEachTime(deps.store),
): Promise<PlanOutcome> {
  const { before } = change;
  let after = change.after;
  if (after?.state !== 'open') {
    if (before?.state !== 'open') return 'unchanged';
    const id = (after ?? before).id;
    if (!hasOwnSchedule(before.nextCheckAt)) return 'unchanged';
    await deps.scheduler.remove(id);
    logger.info('schedule removed', { assignmentId: id, reason: after ? 'closed' : 'deleted' });
    return 'removed';
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (!needsPlan(before, after)) return syncSchedule(deps, before, after);
    try {
      return await replan(deps, rules, before, after);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const fresh = await deps.store.getAssignment(after.id);
      if (fresh?.state !== 'open') return 'unchanged'; // its own stream record handles it
      after = fresh;
    }
  }
  throw new ConflictError(`assignment ${after.id} kept changing while its plan was being written`);
}

function needsPlan(before: Assignment | undefined, after: Assignment): boolean {
  if (!before) return true;
  if (planInputsChanged(before, after)) return true;
  return before.planVersion !== after.planVersion && sameInstant(before.nextCheckAt, after.nextCheckAt);
}

async function replan(
  deps: PlanAssignmentDeps,
  rules: PlanRules,
  before: Assignment | undefined,
  after: Assignment,
): Promise<PlanOutcome> {
  const now = deps.clock.now();
  const [policy, calendar] = await Promise.all([rules.policy(after.policy), rules.calendar()]);
  const next = firstCheckOfChange(planOf(after, policy, calendar), now, after, policy, calendar);
  const bump = before !== undefined && before.planVersion === after.planVersion;
  if (!bump && sameInstant(next, after.nextCheckAt)) return syncSchedule(deps, before, after);
  const planned: Assignment = {
    ...withNextCheck(after, next),
    planVersion: after.planVersion + (bump ? 1 : 0),
    version: after.version + 1,
    updatedAt: now.toISOString(),
  };
  await deps.store.write([
    { op: 'put', entity: { kind: 'assignment', value: planned }, expect: after.version },
  ]);
  logger.info('next check planned', {
    assignmentId: after.id,
    planVersion: planned.planVersion,
    nextCheckAt: planned.nextCheckAt ?? null,
  });
  return 'replanned';
}

async function syncSchedule(
  deps: PlanAssignmentDeps,
  before: Assignment | undefined,
  after: Assignment,
): Promise<PlanOutcome> {
  const moved =
    before?.state !== 'open' ||
    before.planVersion !== after.planVersion ||
    !sameInstant(before.nextCheckAt, after.nextCheckAt);
  if (!moved) return 'unchanged';
  if (!after.nextCheckAt) {
    if (before?.state === 'open' && !hasOwnSchedule(before.nextCheckAt)) return 'unchanged';
    await deps.scheduler.remove(after.id);
    logger.info('schedule removed', { assignmentId: after.id, reason: 'no reminder left' });
    return 'removed';
  }
  return scheduleCheck(deps, { ...after, nextCheckAt: after.nextCheckAt });
}

/** Whether a next check at this instant has a one-time schedule of its own (it is not on a window tick). */
function hasOwnSchedule(nextCheckAt: string | undefined): boolean {
  return nextCheckAt !== undefined && !isWindowTick(new Date(nextCheckAt));
}

/**
 * Makes sure the assignment's next check will be dispatched: a check on a window tick still to
 * come is (the tick reads the due checks), any other gets its one-time schedule (used by the sweep
 * too, to recreate a lost one). A check already due — a reminder caught up the same day, whose
 * tick has passed — gets its schedule now: it goes out at the next send opportunity. So does one
 * on a tick less than `TICK_LISTING_MARGIN_MS` away, which that tick may have listed without it.
 */
export async function scheduleCheck(
  deps: PlanAssignmentDeps,
  a: Assignment & { nextCheckAt: string },
): Promise<PlanOutcome> {
  const now = deps.clock.now();
  const at = new Date(Math.max(new Date(a.nextCheckAt).getTime(), now.getTime()));
  if (!hasOwnSchedule(a.nextCheckAt) && at.getTime() > now.getTime() + TICK_LISTING_MARGIN_MS) {
    logger.info('next check on the window tick', { assignmentId: a.id, at: a.nextCheckAt });
    return 'window';
  }
  const payload = { v: 1 as const, assignmentId: a.id, planVersion: a.planVersion };
  await deps.scheduler.upsert(a.id, at, payload);
  logger.info('schedule set', { assignmentId: a.id, planVersion: a.planVersion, at: at.toISOString() });
  return 'scheduled';
}
