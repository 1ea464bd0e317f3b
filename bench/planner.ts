import { WorkingCalendar } from '#domain/calendar';
import { DAY_MS, OFFSET_MS } from '#domain/local-time';
import { type PlannedReminder, planReminders } from '#domain/planner';
import { defaultPolicy } from '#domain/policy';
import { NaiveCalendar } from './naive-calendar.ts';
import { seededRandom } from './random.ts';

export interface PlannerFigures {
  assignments: number;
  plansPerSecond: number;
  /** The straightforward calendar (date-holidays asked day by day), measured on the first `baselineSample` assignments. */
  baselinePlansPerSecond: number;
  baselineSample: number;
  ratio: number;
  /** Plans compared between the two calendars; `mismatches` must be 0 or the comparison is meaningless. */
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

const FIRST_DAY = Date.UTC(2023, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2027, 11, 31) / DAY_MS;

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

function planAll(dues: readonly Date[], calendar: WorkingCalendar, limit: number, budgetMs: number) {
  const plans: PlannedReminder[][] = [];
  const started = performance.now();
  for (let i = 0; i < limit; i++) {
    plans.push(planReminders({ dueAt: dues[i] as Date, policy: defaultPolicy, calendar }));
    if ((i & 7) === 7 && performance.now() - started > budgetMs) break;
  }
  return { plans, seconds: (performance.now() - started) / 1000 };
}

function samePlan(a: readonly PlannedReminder[], b: readonly PlannedReminder[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Plans per second under the default policy with the precomputed WorkingCalendar, and in the same
 * run with NaiveCalendar (the obvious implementation), which plugs into the very same planner code.
 * Both plan the same deadlines; every plan the baseline makes is compared with the fast one.
 */
export function benchPlanner(options: PlannerOptions): PlannerFigures {
  const dues = deadlines(options.assignments);
  const calendar = WorkingCalendar.create();
  // Warm-up: JIT and the calendar's year tables, as in a warm Lambda container.
  planAll(dues, WorkingCalendar.create(), Math.min(5_000, dues.length), Number.POSITIVE_INFINITY);
  const fast = planAll(dues, calendar, dues.length, Number.POSITIVE_INFINITY);
  const naiveCalendar = new NaiveCalendar();
  const naive = naiveCalendar as unknown as WorkingCalendar;
  planAll(dues, naive, 2, Number.POSITIVE_INFINITY);
  naiveCalendar.queries = 0;
  const slow = planAll(dues, naive, dues.length, options.baselineSeconds * 1000);
  let mismatches = 0;
  slow.plans.forEach((plan, i) => {
    if (!samePlan(plan, fast.plans[i] ?? [])) mismatches++;
  });
  const plansPerSecond = fast.plans.length / fast.seconds;
  const baselinePlansPerSecond = slow.plans.length / slow.seconds;
  return {
    assignments: fast.plans.length,
    plansPerSecond,
    baselinePlansPerSecond,
    baselineSample: slow.plans.length,
    ratio: plansPerSecond / baselinePlansPerSecond,
    compared: slow.plans.length,
    mismatches,
    remindersPerPlan: fast.plans.reduce((sum, p) => sum + p.length, 0) / fast.plans.length,
    baselineQueriesPerPlan: naiveCalendar.queries / slow.plans.length,
  };
}
