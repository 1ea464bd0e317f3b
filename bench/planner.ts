import { WorkingCalendar } from '#domain/calendar';
import { DAY_MS, OFFSET_MS } from '#domain/local-time';
import { type PlannedReminder, planReminders } from '#domain/planner';
import { defaultPolicy } from '#domain/policy';
import { NaiveCalendar } from './naive-calendar.ts';
import { seededRandom } from './random.ts';
import { ReferenceCalendar } from './reference-calendar.ts';
import { referencePlanReminders } from './reference-planner.ts';

export interface PlannerFigures {
  assignments: number;
  /**
   * Best of `rounds` passes over all deadlines, every plan kept (as a replan of many assignments
   * does). Every plans/s figure here is per second of this process's CPU time.
   */
  plansPerSecond: number;
  /**
   * Best of `rounds` passes that keep no plan (each is dropped once its reminders are counted): the
   * planner alone, without the garbage collector moving 100,000 kept plans to the old generation.
   */
  plansPerSecondUnkept: number;
  rounds: number;
  /** The planner and calendar as they were before issue 15 (bench/reference-*.ts), on every deadline. */
  referencePlansPerSecond: number;
  /** The straightforward calendar (date-holidays asked day by day), measured on the first `baselineSample` assignments. */
  baselinePlansPerSecond: number;
  baselineSample: number;
  ratio: number;
  /** Plans compared with the reference (all) and the baseline; `mismatches` must be 0. */
  compared: number;
  mismatches: number;
  remindersPerPlan: number;
  /** date-holidays questions the baseline asked per plan. */
  baselineQueriesPerPlan: number;
}

export interface PlannerOptions {
  assignments: number;
  /** Time budget of the baseline: it runs over the same assignments until done or out of time. */
  baselineSeconds: number;
}

type Plan = (dueAt: Date) => readonly PlannedReminder[];

const FIRST_DAY = Date.UTC(2023, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2027, 11, 31) / DAY_MS;
/** Passes of the fast planner; the best one counts (other processes on the machine only slow a pass down). */
const ROUNDS = 5;

/** Deadlines spread uniformly over 2023-2027: 80% end of a day, 20% a 17:00 instant (seeded). */
export function deadlines(count: number, seed = 276): Date[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const day = FIRST_DAY + Math.floor(random() * (LAST_DAY - FIRST_DAY + 1));
    const endOfDay = random() < 0.8;
    return new Date(
      endOfDay ? (day + 1) * DAY_MS - OFFSET_MS - 1 : day * DAY_MS + 17 * 3_600_000 - OFFSET_MS,
    );
  });
}

/**
 * CPU seconds this process spent since `start` (user + system). The machine is shared: wall time
 * would count the neighbours' work, CPU time counts the planner's own.
 */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function planAll(dues: readonly Date[], plan: Plan, limit: number, budgetMs = Number.POSITIVE_INFINITY) {
  const plans: (readonly PlannedReminder[])[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < limit; i++) {
    plans.push(plan(dues[i] as Date));
    if ((i & 7) === 7 && performance.now() - started > budgetMs) break;
  }
  return { plans, seconds: cpuSeconds(cpu) };
}

/** Plans every deadline, keeping nothing but a count of reminders; plans per second. */
function planUnkept(dues: readonly Date[], plan: Plan): number {
  let reminders = 0;
  const cpu = process.cpuUsage();
  for (const due of dues) reminders += plan(due).length;
  const seconds = cpuSeconds(cpu);
  if (reminders === 0) throw new Error('no reminders planned');
  return dues.length / seconds;
}

const samePlan = (a: readonly PlannedReminder[], b: readonly PlannedReminder[]) =>
  JSON.stringify(a) === JSON.stringify(b);

function mismatches(
  plans: readonly (readonly PlannedReminder[])[],
  fast: readonly (readonly PlannedReminder[])[],
) {
  return plans.filter((plan, i) => !samePlan(plan, fast[i] ?? [])).length;
}

/**
 * Plans per second under the default policy with today's planner and WorkingCalendar: best of
 * ROUNDS passes keeping every plan, and best of ROUNDS keeping none. Then the same deadlines with
 * the pre-issue-15 planner (the reference, all of them) and with NaiveCalendar (the obvious
 * calendar, time-boxed); every plan of both is compared with today's.
 */
export function benchPlanner(options: PlannerOptions): PlannerFigures {
  const dues = deadlines(options.assignments);
  const calendar = WorkingCalendar.create();
  const fastPlan: Plan = (dueAt) => planReminders({ dueAt, policy: defaultPolicy, calendar });
  planUnkept(dues.slice(0, 5_000), fastPlan); // warm-up: JIT, as in a warm container
  let unkept = 0;
  for (let round = 0; round < ROUNDS; round++) unkept = Math.max(unkept, planUnkept(dues, fastPlan));
  let fast = planAll(dues, fastPlan, dues.length);
  for (let round = 1; round < ROUNDS; round++) {
    const again = planAll(dues, fastPlan, dues.length);
    if (again.seconds < fast.seconds) fast = again;
  }
  const reference = ReferenceCalendar.create();
  const referencePlan: Plan = (dueAt) =>
    referencePlanReminders({ dueAt, policy: defaultPolicy, calendar: reference });
  const old = planAll(dues, referencePlan, dues.length);
  const naiveCalendar = new NaiveCalendar();
  const naive = naiveCalendar as unknown as WorkingCalendar;
  const naivePlan: Plan = (dueAt) => planReminders({ dueAt, policy: defaultPolicy, calendar: naive });
  planAll(dues, naivePlan, 2);
  naiveCalendar.queries = 0;
  const slow = planAll(dues, naivePlan, dues.length, options.baselineSeconds * 1000);
  const plansPerSecond = fast.plans.length / fast.seconds;
  const baselinePlansPerSecond = slow.plans.length / slow.seconds;
  return {
    assignments: fast.plans.length,
    plansPerSecond,
    plansPerSecondUnkept: unkept,
    rounds: ROUNDS,
    referencePlansPerSecond: old.plans.length / old.seconds,
    baselinePlansPerSecond,
    baselineSample: slow.plans.length,
    ratio: plansPerSecond / baselinePlansPerSecond,
    compared: old.plans.length + slow.plans.length,
    mismatches: mismatches(old.plans, fast.plans) + mismatches(slow.plans, fast.plans),
    remindersPerPlan: fast.plans.reduce((sum, p) => sum + p.length, 0) / fast.plans.length,
    baselineQueriesPerPlan: naiveCalendar.queries / slow.plans.length,
  };
}
