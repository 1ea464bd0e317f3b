import * as rruleModule from 'rrule';
import { ValidationError } from '../errors.ts';
import { DAY_MS, fromDayNumber, type LocalDate, parseDayNumber } from './local-time.ts';

/**
 * rrule ships CommonJS to Node (its exports under `default`) and ESM to bundlers (named exports):
 * take whichever shape this runtime gave us. `Reflect.get` because a bundle's namespace has no
 * `default`, which esbuild would flag on a plain property read.
 */
const { rrulestr }: typeof rruleModule =
  'rrulestr' in rruleModule ? rruleModule : Reflect.get(rruleModule, 'default');

/** Enough for a daily rule over almost three years; more is a mistake, not a plan. */
export const MAX_OCCURRENCES = 1000;

function invalid(path: string, rule: string): ValidationError {
  return new ValidationError(`invalid recurrence: ${path}: ${rule}`, [{ path, rule }]);
}

function day(date: LocalDate, path: string): number {
  const n = parseDayNumber(date);
  if (Number.isNaN(n)) throw invalid(path, 'must be a real calendar date YYYY-MM-DD');
  return n;
}

/**
 * The local dates (inclusive range) on which an RFC 5545 RRULE occurs, e.g. the quarterly report
 * `FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=14`.
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
  const floating = rrule.trim().replace(/^(DTSTART);TZID=[^:]+:(\d{8}T\d{6})Z?/im, '$1:$2Z');
  let rule: ReturnType<typeof rrulestr>;
  try {
    rule = /DTSTART/i.test(floating)
      ? rrulestr(floating)
      : rrulestr(floating, { dtstart: new Date(first * DAY_MS) });
  } catch (error) {
    throw invalid('recurrence', `must be an RFC 5545 RRULE (${(error as Error).message})`);
  }
  const dates = new Set<LocalDate>();
  rule.between(new Date(first * DAY_MS), new Date((last + 1) * DAY_MS - 1), true, (date) => {
    dates.add(fromDayNumber(Math.floor(date.getTime() / DAY_MS)));
    return dates.size < MAX_OCCURRENCES;
  });
  return [...dates].sort();
}
