import type { CalendarOverride } from '../schemas/entities.ts';
import {
  DAY_MS,
  dayNumber,
  dayNumberOfInstant,
  fromDayNumber,
  instantAt,
  type LocalDate,
  type LocalTime,
  minutesOf,
  WEEKDAY_NAMES,
  weekdayOf,
} from './local-time.ts';
import { isWeekend, type YearTable, yearTable, yearTableOf } from './vn-holidays.ts';
import { WorkingDayIndex } from './working-day-index.ts';

export {
  endOfLocalDay,
  type LocalDate,
  type LocalTime,
  localInstant,
  toLocalDate,
  ZONE,
} from './local-time.ts';

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  /** Why, in Vietnamese: "Thứ Bảy", "Tết Nguyên Đán", "Ngày làm việc bù (…)", "Nghỉ bù …". */
  reason: string;
}

/** No sane calendar has this many days off in a row; past it the overrides are broken. */
const MAX_SEARCH_DAYS = 3660;

const yearOf = (n: number) => new Date(n * DAY_MS).getUTCFullYear();

/**
 * The working-day calendar of Asia/Ho_Chi_Minh: weekends off, Labour Code art. 112 holidays with
 * the second National Day and nghỉ bù, the shipped 2023-2027 government arrangements, and the
 * administrator's overrides on top (they always win). The years asked about are precomputed into
 * one WorkingDayIndex (widened a year at a time when a question goes past it), so every question,
 * "n working days after" included, is an array lookup.
 */
export class WorkingCalendar {
  /** Empty until the first question (the domain never reads the clock to guess a year). */
  private index = new WorkingDayIndex(0, new Uint8Array(0));

  private constructor(private readonly admin: ReadonlyMap<number, { working: boolean; reason: string }>) {}

  static create(overrides: readonly CalendarOverride[] = []): WorkingCalendar {
    const admin = new Map<number, { working: boolean; reason: string }>();
    for (const o of overrides)
      admin.set(dayNumber(o.date), { working: o.kind === 'working', reason: o.reason });
    return new WorkingCalendar(admin);
  }

  /** Working or not, and why. Throws RangeError on an impossible date. */
  dayInfo(date: LocalDate): DayInfo {
    const n = dayNumber(date);
    const working = this.isWorkingDayNumber(n);
    const admin = this.admin.get(n);
    const national = yearTableOf(n).reasons.get(n);
    const reason = admin?.reason ?? national ?? WEEKDAY_NAMES[weekdayOf(n)] ?? '';
    const plainWeekday = !admin && national === undefined && !isWeekend(n);
    return { date, working, reason: plainWeekday ? `Ngày làm việc (${reason})` : reason };
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** The hot-path form of isWorkingDay, on day numbers. */
  isWorkingDayNumber(n: number): boolean {
    const index = this.index;
    return (index.covers(n) ? index : this.cover(n)).isWorking(n);
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
    const index = this.index;
    const day = index.covers(start) ? index.offset(start, n) : undefined;
    return day ?? this.search(start, n > 0 ? 1 : -1, (wider) => wider.offset(start, n));
  }

  /** `n` if it is a working day, else the next one. */
  nextWorkingDayNumber(n: number): number {
    const index = this.index;
    const day = index.covers(n) ? index.atOrAfter(n) : undefined;
    return day ?? this.search(n, 1, (wider) => wider.atOrAfter(n));
  }

  /** `n` if it is a working day, else the previous one. */
  previousWorkingDayNumber(n: number): number {
    const index = this.index;
    const day = index.covers(n) ? index.atOrBefore(n) : undefined;
    return day ?? this.search(n, -1, (wider) => wider.atOrBefore(n));
  }

  /** The first instant at or after `from` that is `time` local on a working day. */
  nextWorkingInstant(from: Date, time: LocalTime): Date {
    const minutes = minutesOf(time);
    let day = dayNumberOfInstant(from);
    if (!this.isWorkingDayNumber(day) || instantAt(day, minutes).getTime() < from.getTime()) {
      day = this.nextWorkingDayNumber(day + 1);
    }
    return instantAt(day, minutes);
  }

  /**
   * Asks the index, widening it a year at a time in `direction` while the answer lies beyond it.
   * Gives up (RangeError) past MAX_SEARCH_DAYS days without a working day, as broken overrides would cause.
   */
  private search(
    from: number,
    direction: 1 | -1,
    ask: (index: WorkingDayIndex) => number | undefined,
  ): number {
    let index = this.cover(from);
    for (;;) {
      const day = ask(index);
      if (day !== undefined) return day;
      const edge = (direction > 0 ? index.last : index.first) ?? from;
      const gap = direction > 0 ? index.end - Math.max(edge, from) : Math.min(edge, from) - index.start;
      if (gap > MAX_SEARCH_DAYS)
        throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days of ${fromDayNumber(from)}`);
      index = this.cover(direction > 0 ? index.end : index.start - 1);
    }
  }

  /** The index, widened to whole years so that it holds day `n`. */
  private cover(n: number): WorkingDayIndex {
    const index = this.index;
    if (index.covers(n)) return index;
    const empty = index.end === index.start;
    const first = empty ? yearOf(n) : Math.min(yearOf(index.start), yearOf(n));
    const last = empty ? yearOf(n) : Math.max(yearOf(index.end - 1), yearOf(n));
    this.index = this.build(first, last);
    return this.index;
  }

  /** The national tables of the years `first..last`, with this calendar's admin overrides applied. */
  private build(first: number, last: number): WorkingDayIndex {
    const tables = [];
    for (let year = first; year <= last; year++) tables.push(yearTable(year));
    const start = (tables[0] as YearTable).start;
    const flags = new Uint8Array((tables[tables.length - 1] as YearTable).end - start);
    for (const t of tables) flags.set(t.working, t.start - start);
    for (const [day, o] of this.admin) {
      if (day >= start && day < start + flags.length) flags[day - start] = o.working ? 1 : 0;
    }
    return new WorkingDayIndex(start, flags);
  }
}
