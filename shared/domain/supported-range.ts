import { dayNumberOfInstant, parseDayNumber } from './local-time.ts';

/**
 * The one range of dates dondoc accepts, anywhere: the years its calendar tables cover
 * (vn-statutory-holidays.ts is generated for exactly these years). A date outside is refused at the
 * edge with a 400 naming the field, so no rule ever computes on a year the calendar does not know.
 */
export const FIRST_SUPPORTED_YEAR = 1990;
export const LAST_SUPPORTED_YEAR = 2100;
export const FIRST_SUPPORTED_DATE = `${FIRST_SUPPORTED_YEAR}-01-01`;
export const LAST_SUPPORTED_DATE = `${LAST_SUPPORTED_YEAR}-12-31`;

/** The rule a caller is told when a date falls outside the range. */
export const SUPPORTED_RANGE_RULE = `must be between ${FIRST_SUPPORTED_DATE} and ${LAST_SUPPORTED_DATE} (the supported calendar range)`;

const FIRST_DAY = parseDayNumber(FIRST_SUPPORTED_DATE);
const LAST_DAY = parseDayNumber(LAST_SUPPORTED_DATE);

/** A local day number inside the supported range. */
export function isSupportedDayNumber(n: number): boolean {
  return n >= FIRST_DAY && n <= LAST_DAY;
}

/** A real `YYYY-MM-DD` date inside the supported range. */
export function isSupportedDate(date: string): boolean {
  return isSupportedDayNumber(parseDayNumber(date));
}

/** An instant whose local (Asia/Ho_Chi_Minh) date is inside the supported range. */
export function isSupportedInstant(instant: Date): boolean {
  const ms = instant.getTime();
  return Number.isFinite(ms) && isSupportedDayNumber(dayNumberOfInstant(instant));
}
