import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';
import { planReminders } from '#domain/planner';
import { parsePolicy, type ReminderPolicy } from '#domain/policy';
import { inQuietHours } from '#schemas/policy';
import { ReferenceCalendar } from '../../../bench/reference-calendar.ts';
import { referencePlanReminders } from '../../../bench/reference-planner.ts';

const calendar = WorkingCalendar.create();

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const offset = fc
  .tuple(fc.integer({ min: -15, max: 15 }), fc.constantFrom('wd', 'd', 'h'))
  .map(([n, unit]) => `${n >= 0 ? '+' : ''}${unit === 'h' ? n * 7 : n}${unit}`);

const step = fc.record({
  offset,
  repeatEvery: fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom('wd', 'd', 'h'))
    .map(([n, u]) => `${n}${u}`),
  times: fc.integer({ min: 1, max: 4 }),
  channels: fc.constantFrom(['sms'], ['email'], ['sms', 'email']),
  to: fc.constantFrom(['unit'], ['unit', 'parent'], ['office']),
});

/** Valid policies with any quiet hours (overnight or daytime) and a send time outside them. */
const policy: fc.Arbitrary<ReminderPolicy> = fc
  .record({ sendAt: time, start: time, end: time, steps: fc.array(step, { minLength: 1, maxLength: 6 }) })
  .filter(({ sendAt, start, end }) => start !== end && !inQuietHours(sendAt, { start, end }))
  .map(({ sendAt, start, end, steps }) =>
    parsePolicy({ name: 'p', sendAt, quietHours: { start, end }, steps }),
  );

const dueAt = fc.oneof(
  fc.date({
    min: new Date('2023-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc
    .date({
      min: new Date('2023-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => resolveDeadline(d.toISOString().slice(0, 10), calendar)),
);

function local(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

describe('planner properties', () => {
  it('plans exactly what the planner before the working-day index planned, for any policy, deadline and urgency', () => {
    const reference = ReferenceCalendar.create();
    fc.assert(
      fc.property(policy, dueAt, fc.boolean(), (p, due, urgent) => {
        const plan = planReminders({ dueAt: due, policy: p, calendar, urgent });

        expect(JSON.stringify(plan)).toBe(
          JSON.stringify(referencePlanReminders({ dueAt: due, policy: p, calendar: reference, urgent })),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('plans every send on a working day, outside quiet hours, in time order', () => {
    fc.assert(
      fc.property(dueAt, policy, (due, p) => {
        const plan = planReminders({ dueAt: due, policy: p, calendar });

        expect(plan).toHaveLength(p.steps.reduce((sum, s) => sum + s.times, 0));
        for (const reminder of plan) {
          const { date, time } = local(reminder.at);
          expect(calendar.isWorkingDay(date)).toBe(true);
          expect(inQuietHours(time, p.quietHours)).toBe(false);
        }
        for (let i = 1; i < plan.length; i++) {
          expect(plan[i]?.at.getTime()).toBeGreaterThanOrEqual(plan[i - 1]?.at.getTime() ?? 0);
        }
      }),
    );
  });

  it('keeps urgent plans in time order with day offsets still on working days', () => {
    fc.assert(
      fc.property(dueAt, policy, (due, p) => {
        const plan = planReminders({ dueAt: due, policy: p, calendar, urgent: true });

        for (let i = 1; i < plan.length; i++) {
          expect(plan[i]?.at.getTime()).toBeGreaterThanOrEqual(plan[i - 1]?.at.getTime() ?? 0);
        }
        for (const reminder of plan) {
          const stepOffset = p.steps[reminder.step]?.offset ?? '';
          const repeat = p.steps[reminder.step]?.repeatEvery ?? '';
          const dayBased = !stepOffset.endsWith('h') && (reminder.send === 1 || !repeat.endsWith('h'));
          if (dayBased) expect(calendar.isWorkingDay(local(reminder.at).date)).toBe(true);
        }
      }),
    );
  });

  it('keeps sends of one step in send order', () => {
    fc.assert(
      fc.property(dueAt, policy, (due, p) => {
        const plan = planReminders({ dueAt: due, policy: p, calendar });

        p.steps.forEach((_, index) => {
          const sends = plan.filter((r) => r.step === index).map((r) => r.send);
          expect(sends).toEqual([...sends].sort((a, b) => a - b));
        });
      }),
    );
  });
});
