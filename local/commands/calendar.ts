import { parseArgs } from 'node:util';
import { WorkingCalendar } from '#domain/calendar';
import {
  dayNumber,
  formatLocalDate,
  fromDayNumber,
  isLocalDate,
  WEEKDAY_NAMES,
  weekdayOf,
} from '#domain/local-time';
import { CliError } from '../cli.ts';

const USAGE =
  "expected 'calendar check DATE' or 'calendar add DATE N' (DATE as YYYY-MM-DD, N a signed integer)";

/**
 * `dondoc calendar check DATE` and `dondoc calendar add DATE N` [--json]: the working-day calendar
 * (Asia/Ho_Chi_Minh, holidays, nghỉ bù, the government's yearly arrangements) from the command line.
 */
export default async function calendar(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: protectNegativeNumbers(argv),
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [command, ...rest] = positionals;
  const cal = WorkingCalendar.create();
  if (command === 'check' && rest.length === 1) return check(cal, date(rest[0]), values.json);
  if (command === 'add' && rest.length === 2) return add(cal, date(rest[0]), count(rest[1]), values.json);
  throw new CliError(USAGE);
}

/** parseArgs would read `-3` as an unknown short flag; a leading space keeps it a positional (Number trims it). */
function protectNegativeNumbers(argv: string[]): string[] {
  return argv.map((arg) => (/^-\d+$/.test(arg) ? ` ${arg}` : arg));
}

function date(text: string | undefined): string {
  if (!text || !isLocalDate(text))
    throw new CliError(`'${text ?? ''}' is not a real calendar date (YYYY-MM-DD)`);
  return text;
}

function count(text: string | undefined): number {
  const trimmed = (text ?? '').trim();
  if (!/^[+-]?\d{1,5}$/.test(trimmed))
    throw new CliError(`'${trimmed}' is not a whole number of working days`);
  return Number(trimmed);
}

function label(date: string): string {
  return `${formatLocalDate(date)} (${WEEKDAY_NAMES[weekdayOf(dayNumber(date))]})`;
}

function check(cal: WorkingCalendar, day: string, json: boolean): void {
  const info = cal.dayInfo(day);
  const weekday = WEEKDAY_NAMES[weekdayOf(dayNumber(day))];
  if (json) {
    console.log(JSON.stringify({ ...info, weekday }));
    return;
  }
  const verdict = info.working ? 'ngày làm việc (working day)' : 'ngày nghỉ (day off)';
  console.log(`${label(day)}: ${verdict} — ${info.reason}`);
}

function add(cal: WorkingCalendar, start: string, days: number, json: boolean): void {
  const result = cal.addWorkingDays(start, days);
  const skipped = daysOffBetween(cal, start, result);
  if (json) {
    console.log(JSON.stringify({ date: start, workingDays: days, result, skipped }));
    return;
  }
  const sign = days < 0 ? '-' : '+';
  console.log(`${label(start)} ${sign} ${Math.abs(days)} ngày làm việc = ${label(result)}`);
  if (skipped.length === 0) return;
  console.log('Ngày nghỉ bỏ qua (days off skipped):');
  for (const s of skipped) console.log(`  ${label(s.date).padEnd(24)}  ${s.reason}`);
}

/** The days off strictly between two dates (either order), oldest first. */
function daysOffBetween(cal: WorkingCalendar, a: string, b: string): { date: string; reason: string }[] {
  const [from, to] = [dayNumber(a), dayNumber(b)].sort((x, y) => x - y) as [number, number];
  const off: { date: string; reason: string }[] = [];
  for (let n = from + 1; n < to; n++) {
    const info = cal.dayInfo(fromDayNumber(n));
    if (!info.working) off.push({ date: info.date, reason: info.reason });
  }
  return off;
}
