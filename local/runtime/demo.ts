import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toLocalDate, WorkingCalendar } from '#domain/calendar';
import type { Letterhead } from '#domain/letter';
import type { ImportDocumentInput } from '#schemas/import';

/** The demo: directive 276/UBND-NCPC (13/01/2023) of the Bắc Kạn People's Committee, its units and tasks. */
export const DEMO_FILE = fileURLToPath(new URL('../demo/demo-276.json', import.meta.url));

/**
 * The 2023 day the demo is "replayed" to on `npm start` (today stands where it stood): by then
 * the first tasks are overdue for the units that did not finish, the administrative-reform task
 * (70 % reported, due Friday 03/03) is due soon, the urgent one and the first quarterly report are
 * behind pace where nothing was reported, and the rest is on track. Tuesday 28/02 rather than
 * Wednesday 01/03: on 01/03 the reform task has used 95 % of its time by mid-afternoon and turns
 * "behind pace" (70 % + the 25-point margin), so in the evening nothing would be due soon.
 */
/** The demo province's letterhead: the Bắc Kạn People's Committee issues, a vice-chairman signs. */
export const DEMO_LETTERHEAD: Letterhead = {
  issuer: 'ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN',
  symbol: 'UBND-VP',
  place: 'Bắc Kạn',
  signerTitle: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
  archive: 'Lưu: VT, NCPC.',
};

export const DEMO_REFERENCE_DAY = '2023-02-28';

export async function readDemo(): Promise<ImportDocumentInput> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as ImportDocumentInput;
}

const DAY = 86_400_000;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Shifts an instant keeping its written offset (`2023-03-03T17:00:00+07:00`). */
function shiftInstant(instant: string, days: number): string {
  const match = /^(\d{4}-\d{2}-\d{2})(T.*)$/.exec(instant);
  return match ? `${shiftDate(match[1] as string, days)}${match[2]}` : instant;
}

type Due = NonNullable<ImportDocumentInput['directives']>[number]['tasks'] extends (infer T)[] | undefined
  ? T extends { due: infer D }
    ? D
    : never
  : never;

/** The calendar the demo's story was written on (2023, with its Tết and make-up days). */
let calendar2023: WorkingCalendar | undefined;

/**
 * A date keeps its place in the story (and moves by art. 148 if it lands on a day off); an instant
 * keeps its time. "N working days after" is counted on the 2023 calendar first, then shifted as a
 * date: counted again around today, the Tết holidays of 2023 would be missing and the deadline of
 * the administrative-reform task would land weeks early (overdue instead of due soon).
 */
function shiftDue(due: Due, days: number): Due {
  if (typeof due === 'object') {
    calendar2023 ??= WorkingCalendar.create();
    return shiftDate(calendar2023.addWorkingDays(due.after, due.workingDays), days);
  }
  return due.length === 10 ? shiftDate(due, days) : shiftInstant(due, days);
}

/**
 * A recurrence written on calendar months (`BYMONTH=3,6,9;BYMONTHDAY=14`) would not match the
 * shifted first deadline: it becomes the same rhythm counted from it (`FREQ=MONTHLY;INTERVAL=3;
 * BYMONTHDAY=<new day>;COUNT=3`).
 */
export function shiftRecurrence(rrule: string, firstDue: string): string {
  const parts = new Map(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const months = parts
    .get('BYMONTH')
    ?.split(',')
    .map(Number)
    .sort((a, b) => a - b);
  if (!months) return rrule;
  const day = Number(firstDue.slice(8, 10));
  const byDay = parts.has('BYMONTHDAY') ? `;BYMONTHDAY=${day}` : '';
  if (months.length === 1) return `FREQ=YEARLY;BYMONTH=${Number(firstDue.slice(5, 7))}${byDay}`;
  const gaps = months.slice(1).map((m, i) => m - (months[i] as number));
  const gap = gaps.every((g) => g === gaps[0]) ? (gaps[0] as number) : 3;
  return `FREQ=MONTHLY;INTERVAL=${gap}${byDay};COUNT=${months.length}`;
}

/**
 * Days to add to the demo's 2023 dates so that the reference day lands exactly on `today`.
 * Whole days, not whole weeks: a weekly shift keeps weekdays but leaves today up to three days
 * away from the reference, and on a weekend nothing is "due soon" any more (the deadlines that
 * were two days away on Wednesday 01/03/2023 would be past, or a full working week away). Shifted
 * day by day, a date deadline that lands on a day off moves to the next working day (Civil Code
 * art. 148, as every deadline does), so some units are due soon whatever weekday today is.
 */
export function demoShiftDays(today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${DEMO_REFERENCE_DAY}T00:00:00Z`)) / DAY);
}

export interface ShiftedDemo {
  document: ImportDocumentInput;
  /** When the directive was received: the import runs at this instant. */
  importAt: Date;
  /** The demo's events that fall before now, shifted; applied at their times after the import. */
  pastEvents: NonNullable<ImportDocumentInput['events']>;
  shiftDays: number;
}

type DemoTask = { due: Due; recurrence?: string | undefined };

function shiftTask<T extends DemoTask>(t: T, days: number): T {
  const due = shiftDue(t.due, days);
  const first = typeof due === 'object' ? due.after : due.slice(0, 10);
  return { ...t, due, ...(t.recurrence ? { recurrence: shiftRecurrence(t.recurrence, first) } : {}) };
}

/** The demo with every date moved by whole days so that the 2023 story stands at `now`. */
export function shiftDemo(demo: ImportDocumentInput, now: Date): ShiftedDemo {
  const days = demoShiftDays(toLocalDate(now));
  const directives = (demo.directives ?? []).map((d) => ({
    ...d,
    issuedOn: shiftDate(d.issuedOn, days),
    tasks: (d.tasks ?? []).map((t) => shiftTask(t, days)),
  }));
  const events = (demo.events ?? [])
    .map((e) => {
      const at = shiftInstant(e.at, days);
      if (e.type === 'task') return { ...e, at, task: shiftTask(e.task, days) };
      return { ...e, at, ...(e.newDue !== undefined ? { newDue: shiftDue(e.newDue as Due, days) } : {}) };
    })
    .filter((e) => Date.parse(e.at) < now.getTime());
  const firstIssued = directives.map((d) => d.issuedOn).sort()[0] ?? toLocalDate(now);
  const { events: _events, ...rest } = demo;
  return {
    document: { ...rest, directives },
    importAt: new Date(`${firstIssued}T08:00:00+07:00`),
    pastEvents: events,
    shiftDays: days,
  };
}
