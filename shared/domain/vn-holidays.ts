import {
  DAY_MS,
  dayNumber,
  formatLocalDate,
  fromDayNumber,
  parseDayNumber,
  WEEKDAY_NAMES,
  weekdayOf,
} from './local-time.ts';
import { VN_OFFICIAL_ARRANGEMENTS, VN_SECOND_NATIONAL_DAY } from './vn-calendar-overrides.ts';
import { VN_HOLIDAY_NAMES, VN_STATUTORY_HOLIDAYS } from './vn-statutory-holidays.ts';

/**
 * One precomputed year of the national working-day calendar (before admin overrides):
 * `working[n - start]` is 1 on a working day, and `reasons` holds the text of every day that is
 * not a plain weekday or weekend. Built once per year from shipped tables, so hot paths never compute a holiday.
 */
export interface YearTable {
  year: number;
  start: number;
  end: number;
  working: Uint8Array;
  reasons: Map<number, string>;
}

const cache = new Map<number, YearTable>();

export function isWeekend(n: number): boolean {
  const wd = weekdayOf(n);
  return wd === 0 || wd === 6;
}

/** The fixed-date holidays, for a year outside the generated table (no lunar dates there). */
const FIXED_DATE_HOLIDAYS: readonly [string, string][] = [
  ['01-01', 'Tết Dương lịch'],
  ['04-30', 'Ngày Giải phóng miền Nam, thống nhất đất nước'],
  ['05-01', 'Ngày Quốc tế Lao động'],
  ['09-02', 'Quốc khánh'],
];

/** A year's entries of the generated table (`MMDD,days,name index`): [first local date, days, name]. */
function tableEntries(year: number): (readonly [string, number, string])[] | undefined {
  return VN_STATUTORY_HOLIDAYS[year]?.split(' ').map((entry) => {
    const [monthDay = '', days, name] = entry.split(',');
    return [
      `${year}-${monthDay.slice(0, 2)}-${monthDay.slice(2)}`,
      Number(days),
      VN_HOLIDAY_NAMES[Number(name)] ?? '',
    ];
  });
}

/**
 * The statutory days off of a year (Tết is 5 days from its eve, as date-holidays models it), from
 * the table generated from date-holidays (`npm run generate:holidays`), so no bundle carries it.
 */
function statutoryHolidays(year: number): Map<number, string> {
  const entries =
    tableEntries(year) ??
    FIXED_DATE_HOLIDAYS.map(([monthDay, name]) => [`${year}-${monthDay}`, 1, name] as const);
  const days = new Map<number, string>();
  for (const [date, length, name] of entries) {
    const first = parseDayNumber(date);
    for (let i = 0; i < length; i++) if (!days.has(first + i)) days.set(first + i, name);
  }
  const second = secondNationalDay(year);
  days.set(second, `Quốc khánh (ngày liền kề, ${formatLocalDate(fromDayNumber(second))})`);
  return days;
}

/**
 * The day next to 2/9 (art. 112: "01 ngày liền kề trước hoặc sau"): the government's pick where the
 * table knows it, otherwise the neighbour that makes a long weekend (a Monday or Friday), else a
 * weekday neighbour, 1/9 first.
 */
export function secondNationalDay(year: number): number {
  const known = VN_SECOND_NATIONAL_DAY[year];
  if (known) return dayNumber(known.date);
  const national = dayNumber(`${year}-09-02`);
  const neighbours = [national - 1, national + 1];
  const bridge = neighbours.find((n) => [1, 5].includes(weekdayOf(n)));
  return bridge ?? neighbours.find((n) => !isWeekend(n)) ?? national + 1;
}

/**
 * nghỉ bù (art. 112(3)): every holiday that falls on a Saturday or Sunday gives the next working day
 * that is not itself a holiday or already a compensation day.
 */
function compensationDays(days: Map<number, string>): Map<number, string> {
  const result = new Map<number, string>();
  for (const day of [...days.keys()].sort((a, b) => a - b)) {
    if (!isWeekend(day)) continue;
    let next = day + 1;
    while (isWeekend(next) || days.has(next) || result.has(next)) next++;
    const name = days.get(day) ?? '';
    const when = `${formatLocalDate(fromDayNumber(day))} trùng ${WEEKDAY_NAMES[weekdayOf(day)]}`;
    result.set(next, `Nghỉ bù ${name.replace(/ \(.*\)$/, '')} (${when})`);
  }
  return result;
}

function buildYear(year: number): YearTable {
  const start = dayNumber(`${year}-01-01`);
  const end = dayNumber(`${year + 1}-01-01`);
  const working = new Uint8Array(end - start);
  const reasons = new Map<number, string>();
  for (let n = start; n < end; n++) working[n - start] = isWeekend(n) ? 0 : 1;
  const mark = (n: number, isWorking: boolean, reason: string) => {
    if (n < start || n >= end) return;
    working[n - start] = isWorking ? 1 : 0;
    reasons.set(n, reason);
  };
  const statutory = statutoryHolidays(year);
  for (const [n, reason] of statutory) mark(n, false, reason);
  for (const [n, reason] of compensationDays(statutory)) mark(n, false, reason);
  for (const entry of VN_OFFICIAL_ARRANGEMENTS) {
    if (entry.date.startsWith(`${year}-`))
      mark(dayNumber(entry.date), entry.kind === 'working', entry.reason);
  }
  return { year, start, end, working, reasons };
}

/** The cached table of a year (built on first use). */
export function yearTable(year: number): YearTable {
  let table = cache.get(year);
  if (!table) {
    table = buildYear(year);
    cache.set(year, table);
  }
  return table;
}

/** The cached table holding day number `n`. */
export function yearTableOf(n: number): YearTable {
  return yearTable(new Date(n * DAY_MS).getUTCFullYear());
}
