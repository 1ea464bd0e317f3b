import { type Context, createContext, Script } from 'node:vm';
import * as rruleModule from 'rrule';
import { ValidationError } from '../errors.ts';
import { DAY_MS, fromDayNumber, type LocalDate, parseDayNumber } from './local-time.ts';
import { isSupportedInstant, SUPPORTED_RANGE_RULE } from './supported-range.ts';

/**
 * rrule ships CommonJS to Node (its exports under `default`) and ESM to bundlers (named exports):
 * take whichever shape this runtime gave us. `Reflect.get` because a bundle's namespace has no
 * `default`, which esbuild would flag on a plain property read.
 */
const { rrulestr, RRule }: typeof rruleModule =
  'rrulestr' in rruleModule ? rruleModule : Reflect.get(rruleModule, 'default');
type RuleSet = ReturnType<typeof rrulestr> & { rrules(): RRuleLike[]; exrules(): RRuleLike[] };
type RRuleLike = { origOptions: Partial<InstanceType<typeof RRule>['origOptions']> };

/** Enough for a daily rule over almost three years; more is a mistake, not a plan. */
export const MAX_OCCURRENCES = 1000;

/**
 * The most time one expansion may take. rrule checks its end bound only on a matching date, so a
 * rule that never matches (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) walks day by day to the year 9999:
 * half a minute of one core or more. A real rule takes a few milliseconds (about 0.2 s for a daily
 * rule with a DTSTART in 1990 expanded in 2100, the slowest that can be valid), so the budget
 * leaves room for a cold start on a busy machine and still stops the hopeless ones within a second.
 */
export const EXPANSION_BUDGET_MS = 1000;

/** Finer than a day is not a deadline: dondoc's occurrences are dates. */
const DATE_FREQUENCIES = new Set<number>([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY]);
const TIME_PARTS = ['byhour', 'byminute', 'bysecond'] as const;

/** One reusable sandbox, made on first use: its `timeout` interrupts whatever runs inside, library code included. */
const guard = { job: (): void => undefined };
const guarded = new Script('job()');
let sandbox: Context | undefined;

function invalid(path: string, rule: string): ValidationError {
  return new ValidationError(`invalid recurrence: ${path}: ${rule}`, [{ path, rule }]);
}

function day(date: LocalDate, path: string): number {
  const n = parseDayNumber(date);
  if (Number.isNaN(n)) throw invalid(path, 'must be a real calendar date YYYY-MM-DD');
  return n;
}

/** `YYYYMMDDT000000Z` of a day number: a DTSTART in rrule's floating form. */
function dtstartOf(n: number): string {
  return `${fromDayNumber(n).replace(/-/g, '')}T000000Z`;
}

/** Always an RRuleSet, so every RRULE and EXRULE can be checked; a rule without DTSTART starts at `first`. */
function parse(text: string, first: number): RuleSet {
  let lines = text.trim().replace(/^(DTSTART);TZID=[^:]+:(\d{8}T\d{6})Z?/im, '$1:$2Z');
  if (/^FREQ=/i.test(lines)) lines = `RRULE:${lines}`;
  if (!/DTSTART/i.test(lines)) lines = `DTSTART:${dtstartOf(first)}\n${lines}`;
  try {
    return rrulestr(lines, { forceset: true }) as RuleSet;
  } catch (error) {
    throw invalid('recurrence', `must be an RFC 5545 RRULE (${(error as Error).message})`);
  }
}

/** Refuses what cannot be a plan of dates before any expansion runs. */
function checkShape(set: RuleSet): void {
  for (const { origOptions: o } of [...set.rrules(), ...set.exrules()]) {
    if (o.freq === undefined || !DATE_FREQUENCIES.has(o.freq))
      throw invalid('recurrence', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY: occurrences are dates');
    if (TIME_PARTS.some((part) => o[part] !== undefined && o[part] !== null))
      throw invalid('recurrence', 'must not set BYHOUR, BYMINUTE or BYSECOND: occurrences are dates');
    if (o.dtstart && !isSupportedInstant(o.dtstart))
      throw invalid('recurrence', `DTSTART ${SUPPORTED_RANGE_RULE}`);
  }
}

/** Runs `expand` inside the time budget; a rule that needs longer is refused, not waited for. */
function withinBudget(expand: () => void): void {
  guard.job = expand;
  try {
    sandbox ??= createContext(guard);
    guarded.runInContext(sandbox, { timeout: EXPANSION_BUDGET_MS });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    throw invalid(
      'recurrence',
      'takes too long to expand: its BY… parts may never meet (e.g. BYMONTH=2;BYMONTHDAY=30)',
    );
  } finally {
    guard.job = () => undefined;
  }
}

/**
 * The local dates (inclusive range) on which an RFC 5545 RRULE occurs, e.g. the quarterly report
 * `FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=14`. Bounded: at most MAX_OCCURRENCES dates and
 * EXPANSION_BUDGET_MS of work; rules finer than a day are refused.
 *
 * rrule computes in UTC; we use it in "floating" mode: a Date whose UTC fields are the local date.
 * A DTSTART's TZID is therefore dropped (its wall-clock date is kept), and a rule without DTSTART
 * starts at `from`. Occurrences are dates only: the deadline rule and the calendar decide the time
 * and move a date that falls on a day off.
 */
export function occurrences(rrule: string, from: LocalDate, to: LocalDate): LocalDate[] {
  const first = day(from, 'from');
  const last = day(to, 'to');
  if (last < first) throw invalid('to', 'must not be before from');
  const rule = parse(rrule, first);
  checkShape(rule);
  const dates = new Set<LocalDate>();
  withinBudget(() => {
    rule.between(new Date(first * DAY_MS), new Date((last + 1) * DAY_MS - 1), true, (date) => {
      dates.add(fromDayNumber(Math.floor(date.getTime() / DAY_MS)));
      return dates.size < MAX_OCCURRENCES;
    });
  });
  return [...dates].sort();
}
