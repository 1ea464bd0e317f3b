import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';
import { dayNumber } from '#domain/local-time';

const cal = WorkingCalendar.create();

/** Any date of the shipped years and a little around them. */
const localDate = fc
  .date({ min: new Date('2022-06-01T00:00:00Z'), max: new Date('2028-06-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** The obvious answer: walk one day at a time, asking whether each is a working day. */
function walk(c: WorkingCalendar, start: number, n: number): number {
  let day = start;
  if (n === 0) {
    while (!c.isWorkingDayNumber(day)) day++;
    return day;
  }
  for (let left = Math.abs(n); left > 0; left--) {
    day += Math.sign(n);
    while (!c.isWorkingDayNumber(day)) day += Math.sign(n);
  }
  return day;
}

/** Admin overrides: a few days of 2023-2028 made working or days off. */
const overrides = fc.array(
  fc.record({
    date: fc
      .date({
        min: new Date('2023-01-01T00:00:00Z'),
        max: new Date('2028-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    kind: fc.constantFrom('working' as const, 'off' as const),
    reason: fc.constant('quyết định của UBND tỉnh'),
  }),
  { maxLength: 30 },
);
const day = fc.integer({ min: dayNumber('2022-06-01'), max: dayNumber('2028-06-30') });

describe('calendar properties', () => {
  it('the working-day index answers like walking day by day, whatever the overrides', () => {
    fc.assert(
      fc.property(overrides, day, fc.integer({ min: -400, max: 400 }), (list, start, n) => {
        const c = WorkingCalendar.create(list);

        expect(c.addWorkingDayNumbers(start, n)).toBe(walk(c, start, n));
        expect(c.nextWorkingDayNumber(start)).toBe(walk(c, start, 0));
        expect(c.previousWorkingDayNumber(start)).toBe(
          c.isWorkingDayNumber(start) ? start : walk(c, start, -1),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('adding then subtracting N working days lands on a working day at or before the start', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 1, max: 300 }), (start, n) => {
        const back = cal.addWorkingDays(cal.addWorkingDays(start, n), -n);

        expect(cal.isWorkingDay(back)).toBe(true);
        expect(back <= start).toBe(true);
      }),
    );
  });

  it('adding N working days from a working day and back returns exactly to it', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -300, max: 300 }), (date, n) => {
        const start = cal.addWorkingDays(date, 0);

        expect(cal.addWorkingDays(cal.addWorkingDays(start, n), -n)).toBe(start);
      }),
    );
  });

  it('a date deadline always resolves to the end of a working day at or after it', () => {
    fc.assert(
      fc.property(localDate, (date) => {
        const dueAt = resolveDeadline(date, cal);
        const dueDate = new Date(dueAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

        expect(cal.isWorkingDay(dueDate)).toBe(true);
        expect(dueDate >= date).toBe(true);
        expect(dueAt.toISOString().slice(11)).toBe('16:59:59.999Z');
      }),
    );
  });

  it('the next working instant is never earlier than its start and is on a working day at that time', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2022-06-01T00:00:00Z'),
          max: new Date('2028-06-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        (from) => {
          const at = cal.nextWorkingInstant(from, '08:00');
          const local = new Date(at.getTime() + 7 * 3_600_000).toISOString();

          expect(at.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(local.slice(11, 16)).toBe('08:00');
          expect(cal.isWorkingDay(local.slice(0, 10))).toBe(true);
        },
      ),
    );
  });
});
