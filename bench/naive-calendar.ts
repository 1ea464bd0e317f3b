import Holidays from 'date-holidays';
import { VN_OFFICIAL_ARRANGEMENTS } from '#domain/vn-calendar-overrides';
import { secondNationalDay } from '#domain/vn-holidays';
import type { CalendarOverride } from '#schemas/entities';

/**
 * The straightforward working-day calendar, the baseline of the planner benchmark: every question
 * asks `date-holidays` (VN) about that one day, with the same rules and the same override table as
 * `WorkingCalendar` (admin overrides, the government's yearly arrangements, the second National Day,
 * nghỉ bù), but no per-year precomputation and no cache. This is how a competent person writes it
 * first: a readable `isWorkingDay(date)` that the planner calls for every day it looks at.
 *
 * It exposes the day-number methods `planReminders` calls, so the very same planner code runs on it.
 */

const DAY_MS = 86_400_000;
const OFFSET_MS = 7 * 3_600_000;
const NOON_MS = 12 * 3_600_000;
/** A weekend holiday further back than this has had its nghỉ bù day already. */
const COMPENSATION_REACH = 14;
const REPLAY_DAYS = 21;

function toDate(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(n: number): boolean {
  const weekday = new Date(n * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export class NaiveCalendar {
  private readonly holidays = new Holidays('VN');
  /** How many times date-holidays was asked (printed by the bench, so the baseline's cost is visible). */
  queries = 0;
  private readonly admin: Map<string, boolean>;
  private readonly official = new Map(VN_OFFICIAL_ARRANGEMENTS.map((a) => [a.date, a.kind === 'working']));

  constructor(overrides: readonly CalendarOverride[] = []) {
    this.admin = new Map(overrides.map((o) => [o.date, o.kind === 'working']));
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  }

  /** Admin override, else the government's arrangement, else the Labour Code rules. */
  isWorkingDayNumber(n: number): boolean {
    const date = toDate(n);
    const admin = this.admin.get(date);
    if (admin !== undefined) return admin;
    const official = this.official.get(date);
    if (official !== undefined) return official;
    return !this.isStatutoryDayOff(n);
  }

  addWorkingDayNumbers(start: number, count: number): number {
    if (count === 0) return this.nextWorkingDayNumber(start);
    const step = count > 0 ? 1 : -1;
    let day = start;
    for (let left = Math.abs(count); left > 0; left--) {
      day += step;
      while (!this.isWorkingDayNumber(day)) day += step;
    }
    return day;
  }

  nextWorkingDayNumber(n: number): number {
    let day = n;
    while (!this.isWorkingDayNumber(day)) day++;
    return day;
  }

  previousWorkingDayNumber(n: number): number {
    let day = n;
    while (!this.isWorkingDayNumber(day)) day--;
    return day;
  }

  nextWorkingInstant(from: Date, time: string): Date {
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    const minutes = hh * 60 + mm;
    let day = Math.floor((from.getTime() + OFFSET_MS) / DAY_MS);
    const at = (n: number) => n * DAY_MS + minutes * 60_000 - OFFSET_MS;
    if (!this.isWorkingDayNumber(day) || at(day) < from.getTime()) {
      day++;
      while (!this.isWorkingDayNumber(day)) day++;
    }
    return new Date(at(day));
  }

  /** Weekend, public holiday, the day next to 2/9, or a nghỉ bù day (before the yearly arrangements). */
  private isStatutoryDayOff(n: number): boolean {
    return isWeekend(n) || this.isHoliday(n) || this.isCompensationDay(n);
  }

  private isHoliday(n: number): boolean {
    const year = new Date(n * DAY_MS).getUTCFullYear();
    if (secondNationalDay(year) === n) return true;
    this.queries++;
    const found = this.holidays.isHoliday(new Date(n * DAY_MS + NOON_MS - OFFSET_MS));
    return found !== false && found.some((h) => h.type === 'public');
  }

  /**
   * nghỉ bù (art. 112(3)): each weekend holiday gives the next weekday that is neither a holiday nor
   * already a compensation day. To answer for one day, replay that rule over the three weeks before it
   * (no run of days off is that long), after a cheap check that a weekend holiday is near at all.
   */
  private isCompensationDay(n: number): boolean {
    if (isWeekend(n) || this.isHoliday(n)) return false;
    let nearWeekendHoliday = false;
    for (let day = n - COMPENSATION_REACH; day < n && !nearWeekendHoliday; day++) {
      nearWeekendHoliday = isWeekend(day) && this.isHoliday(day);
    }
    if (!nearWeekendHoliday) return false;
    let owed = 0;
    for (let day = n - REPLAY_DAYS; day < n; day++) {
      if (isWeekend(day)) {
        if (this.isHoliday(day)) owed++;
      } else if (owed > 0 && !this.isHoliday(day)) {
        owed--;
      }
    }
    return owed > 0;
  }
}
