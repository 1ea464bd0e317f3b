/**
 * Local-time arithmetic for Asia/Ho_Chi_Minh, done by hand: the zone is UTC+7 with no daylight
 * saving since 1975, so a fixed offset is exact and far faster than Intl (and this Node's Intl
 * calls the zone `Asia/Saigon` anyway). Dates are handled as *day numbers* (days since 1970-01-01
 * of the local calendar) on hot paths, and as `YYYY-MM-DD` strings at the edges.
 */

export const ZONE = 'Asia/Ho_Chi_Minh';
/** A local calendar date `YYYY-MM-DD`. */
export type LocalDate = string;
/** A local wall-clock time `HH:MM`. */
export type LocalTime = string;

export const DAY_MS = 86_400_000;
export const OFFSET_MS = 7 * 3_600_000;
const MINUTE_MS = 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Day number of a local date, or NaN when the text is not a real calendar date (2026-02-30). */
export function parseDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return Number.NaN;
  return ms / DAY_MS;
}

export function isLocalDate(text: string): boolean {
  return !Number.isNaN(parseDayNumber(text));
}

/** Day number of a local date; throws RangeError on an impossible date so bad data never passes silently. */
export function dayNumber(date: LocalDate): number {
  const n = parseDayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`not a real calendar date: ${date}`);
  return n;
}

export function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whether a minute of the day falls in quiet hours [start, end) (minutes of the day), which may
 * wrap past midnight; equal bounds are no quiet hours. The one definition of quiet hours: the
 * policy schema, the planner and the send windows all ask it.
 */
export function isQuietMinute(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** Minutes after local midnight of an `HH:MM` time; throws RangeError on a bad time. */
export function minutesOf(time: LocalTime): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not a time HH:MM: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function dayNumberOfInstant(instant: Date): number {
  return Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS);
}

/** Minutes after local midnight of an instant. */
export function minuteOfInstant(instant: Date): number {
  const local = instant.getTime() + OFFSET_MS;
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/** Epoch milliseconds of `minutes` after local midnight of day `n` (no allocation, for hot paths). */
export function msAt(n: number, minutes: number): number {
  return n * DAY_MS + minutes * MINUTE_MS - OFFSET_MS;
}

/** The instant at `minutes` after local midnight of day `n`. */
export function instantAt(n: number, minutes: number): Date {
  return new Date(n * DAY_MS + minutes * MINUTE_MS - OFFSET_MS);
}

/** The local date (Asia/Ho_Chi_Minh) of an instant. */
export function toLocalDate(instant: Date): LocalDate {
  return fromDayNumber(dayNumberOfInstant(instant));
}

/** The instant of a local date and wall-clock time. */
export function localInstant(date: LocalDate, time: LocalTime): Date {
  return instantAt(dayNumber(date), minutesOf(time));
}

/** 23:59:59.999 local: a date deadline is met by anything done during that day. */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - OFFSET_MS - 1);
}

/** The local wall-clock time `HH:MM` of an instant. */
export function localTimeOf(instant: Date): LocalTime {
  const minutes = minuteOfInstant(instant);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}

/** The local date `days` calendar days after `date` (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** `dd/MM/yyyy HH:MM` in local time, the way Vietnamese documents write instants. */
export function formatLocal(instant: Date): string {
  return `${formatLocalDate(toLocalDate(instant))} ${localTimeOf(instant)}`;
}

/** `dd/MM/yyyy` of a local date. */
export function formatLocalDate(date: LocalDate): string {
  const [y, mo, d] = date.split('-');
  return `${d}/${mo}/${y}`;
}

export const WEEKDAY_NAMES = [
  'Chủ Nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
] as const;
