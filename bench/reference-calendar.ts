import {
  dayNumber,
  dayNumberOfInstant,
  fromDayNumber,
  instantAt,
  type LocalDate,
  type LocalTime,
  minutesOf,
  WEEKDAY_NAMES,
  weekdayOf,
} from '#domain/local-time';
import { isWeekend, type YearTable, yearTableOf } from '#domain/vn-holidays';
import type { CalendarOverride } from '#schemas/entities';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  /** Why, in Vietnamese: "Thứ Bảy", "Tết Nguyên Đán", "Ngày làm việc bù (…)", "Nghỉ bù …". */
  reason: string;
}

interface YearFlags {
  start: number;
  end: number;
  working: Uint8Array;
}

/** No sane calendar has this many days off in a row; past it the overrides are broken. */
const MAX_SEARCH_DAYS = 3660;

/**
 * The bench's reference: the WorkingCalendar as it was before issue 15 (working days found by
 * stepping one day at a time), kept unchanged so `npm run bench` can compare every plan with it.
 *
 * The working-day calendar of Asia/Ho_Chi_Minh: weekends off, Labour Code art. 112 holidays with
 * the second National Day and nghỉ bù, the shipped 2023-2027 government arrangements, and the
 * administrator's overrides on top (they always win). Years are precomputed and cached, so every
 * question is an array lookup by day number.
 */
export class ReferenceCalendar {
  /** Per-year working flags with the admin overrides applied; `cursor` is the last year used. */
  private readonly years = new Map<number, YearFlags>();
  private cursor: YearFlags = { start: 0, end: 0, working: new Uint8Array(0) };

  private constructor(private readonly admin: ReadonlyMap<number, { working: boolean; reason: string }>) {}

  static create(overrides: readonly CalendarOverride[] = []): ReferenceCalendar {
    const admin = new Map<number, { working: boolean; reason: string }>();
    for (const o of overrides)
      admin.set(dayNumber(o.date), { working: o.kind === 'working', reason: o.reason });
    return new ReferenceCalendar(admin);
  }

  /** Working or not, and why. Throws RangeError on an impossible date. */
  dayInfo(date: LocalDate): DayInfo {
    const n = dayNumber(date);
    const working = this.isWorkingDayNumber(n);
    const admin = this.admin.get(n);
    const reason = admin?.reason ?? this.table(n).reasons.get(n) ?? WEEKDAY_NAMES[weekdayOf(n)] ?? '';
    const plainWeekday = !admin && !this.table(n).reasons.has(n) && !isWeekend(n);
    return { date, working, reason: plainWeekday ? `Ngày làm việc (${reason})` : reason };
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** The hot-path form of isWorkingDay, on day numbers. */
  isWorkingDayNumber(n: number): boolean {
    let year = this.cursor;
    if (n < year.start || n >= year.end) year = this.loadYear(n);
    return year.working[n - year.start] === 1;
  }

  /**
   * The date `n` working days after (n > 0) or before (n < 0) `date`, not counting `date` itself;
   * with n = 0, `date` if it is a working day, else the next working day.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    return fromDayNumber(this.addWorkingDayNumbers(dayNumber(date), n));
  }

  addWorkingDayNumbers(start: number, n: number): number {
    if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer: ${n}`);
    if (n === 0) return this.nextWorkingDayNumber(start);
    const step = n > 0 ? 1 : -1;
    let day = start;
    for (let left = Math.abs(n); left > 0; left--) day = this.stepToWorkingDay(day, step);
    return day;
  }

  /** `n` if it is a working day, else the next one. */
  nextWorkingDayNumber(n: number): number {
    return this.isWorkingDayNumber(n) ? n : this.stepToWorkingDay(n, 1);
  }

  /** `n` if it is a working day, else the previous one. */
  previousWorkingDayNumber(n: number): number {
    return this.isWorkingDayNumber(n) ? n : this.stepToWorkingDay(n, -1);
  }

  /** The first instant at or after `from` that is `time` local on a working day. */
  nextWorkingInstant(from: Date, time: LocalTime): Date {
    const minutes = minutesOf(time);
    let day = dayNumberOfInstant(from);
    if (!this.isWorkingDayNumber(day) || instantAt(day, minutes).getTime() < from.getTime()) {
      day = this.stepToWorkingDay(day, 1);
    }
    return instantAt(day, minutes);
  }

  private stepToWorkingDay(from: number, step: 1 | -1): number {
    let day = from + step;
    for (let i = 0; !this.isWorkingDayNumber(day); i++, day += step) {
      if (i > MAX_SEARCH_DAYS)
        throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days of ${fromDayNumber(from)}`);
    }
    return day;
  }

  private table(n: number): YearTable {
    return yearTableOf(n);
  }

  /** The national year of `n` copied once, with this calendar's admin overrides applied. */
  private loadYear(n: number): YearFlags {
    const national = yearTableOf(n);
    let year = this.years.get(national.year);
    if (!year) {
      const working = national.working.slice();
      for (const [day, o] of this.admin) {
        if (day >= national.start && day < national.end) working[day - national.start] = o.working ? 1 : 0;
      }
      year = { start: national.start, end: national.end, working };
      this.years.set(national.year, year);
    }
    this.cursor = year;
    return year;
  }
}
