import { ValidationError } from '../errors.ts';
import type { DeadlineRule } from '../schemas/entities.ts';
import type { WorkingCalendar } from './calendar.ts';
import { DAY_MS, dayNumberOfInstant, OFFSET_MS, parseDayNumber } from './local-time.ts';
import { isSupportedDayNumber, SUPPORTED_RANGE_RULE } from './supported-range.ts';

/** The last millisecond of local day `n`: a date deadline is met by anything done that day. */
function endOfDay(n: number): Date {
  return new Date((n + 1) * DAY_MS - OFFSET_MS - 1);
}

function dueDay(rule: DeadlineRule, cal: WorkingCalendar): Date {
  if (typeof rule === 'object') {
    const start = parseDayNumber(rule.after);
    if (Number.isNaN(start)) throw new RangeError(`not a real calendar date: ${rule.after}`);
    return endOfDay(cal.addWorkingDayNumbers(start, rule.workingDays));
  }
  const day = parseDayNumber(rule);
  if (!Number.isNaN(day)) return endOfDay(cal.nextWorkingDayNumber(day));
  const instant = new Date(rule);
  if (Number.isNaN(instant.getTime()) || !/[Zz]|[+-]\d{2}:?\d{2}$/.test(rule)) {
    throw new RangeError(`not a deadline (date, instant with offset, or working days after a date): ${rule}`);
  }
  return instant;
}

/**
 * The instant a deadline rule falls due.
 * - a date `YYYY-MM-DD`: the end of that local day; if that day is off, the end of the next working
 *   day (Civil Code 2015 art. 148: a period ending on a day off ends with the next working day);
 * - `{ workingDays, after }`: the end of the N-th working day after `after` (0: `after` itself, or
 *   the next working day when `after` is off);
 * - an instant with an offset: exactly that instant. An explicit time was chosen on purpose (often
 *   for hỏa tốc matters, where a Saturday 17:00 deadline is real), so art. 148 does not move it.
 *
 * A rule whose inputs are in range can still land past it (1000 working days after 2100-06-01):
 * that is the caller's input error at `path`, not a date the calendar should compute on.
 */
export function resolveDeadline(rule: DeadlineRule, cal: WorkingCalendar, path = 'due'): Date {
  const due = dueDay(rule, cal);
  if (!isSupportedDayNumber(dayNumberOfInstant(due)))
    throw new ValidationError(`invalid ${path}`, [
      { path, rule: `falls due outside the range: ${SUPPORTED_RANGE_RULE}` },
    ]);
  return due;
}
