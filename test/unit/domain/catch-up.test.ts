import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';
import { dayNumberOfInstant } from '#domain/local-time';
import { planReminders } from '#domain/planner';
import { defaultPolicy, parsePolicy } from '#domain/policy';
import { catchUpFrom, sendingAllowed } from '#domain/send-windows';
import { firstCheckFrom, firstCheckOfChange } from '#usecases/engine/next-check';

const calendar = WorkingCalendar.create();
const local = (text: string) => new Date(`${text}+07:00`);

/** The first check of a plan made at `now` for a task due at `due` (default policy). */
function firstCheck(due: string, now: string, urgent = false, policy = defaultPolicy) {
  const plan = planReminders({ dueAt: resolveDeadline(due, calendar), policy, calendar, urgent });
  return firstCheckOfChange(plan, local(now), { urgent }, policy, calendar)?.toISOString();
}

describe('the catch-up rule', () => {
  it('catches up the 08:00 "due today" reminder of a task created at 09:08, due the same day', () => {
    // Monday 23/03/2026: the 0wd step was planned at 08:00, an hour before the task existed.
    expect(firstCheck('2026-03-23', '2026-03-23T09:08:00')).toBe(local('2026-03-23T08:00:00').toISOString());
  });

  it('catches up a reminder planned earlier the same working day, not one of an earlier day', () => {
    // Due Wednesday 25/03: the -1wd step is Tuesday 08:00; created Tuesday 15:30, it is caught up.
    expect(firstCheck('2026-03-25', '2026-03-24T15:30:00')).toBe(local('2026-03-24T08:00:00').toISOString());
    // Created Wednesday 10:00 instead: Tuesday's step stays behind, Wednesday's is caught up.
    expect(firstCheck('2026-03-25', '2026-03-25T10:00:00')).toBe(local('2026-03-25T08:00:00').toISOString());
  });

  it('leaves the plan of a task whose step has not passed as it was', () => {
    // Created at 07:15, before the 08:00 window tick: the first check is that tick.
    expect(firstCheck('2026-03-23', '2026-03-23T07:15:00')).toBe(local('2026-03-23T08:00:00').toISOString());
  });

  it('sends nothing late from a task created in quiet hours or on a day off', () => {
    // Created at 21:30 on the due day: its first check is the next working day's overdue step.
    expect(firstCheck('2026-03-23', '2026-03-23T21:30:00')).toBe(local('2026-03-24T08:00:00').toISOString());
    expect(catchUpFrom(local('2026-09-02T10:00:00'), defaultPolicy, calendar)).toEqual(
      local('2026-09-02T10:00:00'),
    ); // Quốc khánh
  });

  it('catches up an urgent (hỏa tốc) task at any hour', () => {
    const policy = parsePolicy({
      name: 'hoa-toc',
      steps: [{ offset: '-2h', channels: ['sms'], to: ['unit'] }],
    });
    // Due 23:30, the -2h reminder was at 21:30; the urgent task created at 22:00 still gets it.
    expect(firstCheck('2026-03-23T23:30:00+07:00', '2026-03-23T22:00:00', true, policy)).toBe(
      local('2026-03-23T21:30:00').toISOString(),
    );
  });

  it('moves a first check only to a passed reminder of today, and only while the window is open', () => {
    const policies = fc.constantFrom(
      defaultPolicy,
      parsePolicy({
        name: 'gio',
        sendAt: '07:30',
        steps: [
          { offset: '-3h', repeatEvery: '1h', times: 3, channels: ['sms'], to: ['unit'] },
          { offset: '0wd', channels: ['email'], to: ['unit'] },
        ],
      }),
    );
    const instant = fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        policies,
        instant,
        fc.integer({ min: -3 * 86_400, max: 20 * 86_400 }),
        fc.boolean(),
        (p, now, ahead, urgent) => {
          const plan = planReminders({
            dueAt: new Date(now.getTime() + ahead * 1000),
            policy: p,
            calendar,
            urgent,
          });
          const plain = firstCheckFrom(plan, now);
          const first = firstCheckOfChange(plan, now, { urgent }, p, calendar);
          const passedToday = plan.filter(
            (r) => r.at < now && dayNumberOfInstant(r.at) === dayNumberOfInstant(now),
          );
          const open = urgent || sendingAllowed(now, p, calendar);

          expect(first).toEqual(open && passedToday.length > 0 ? passedToday[0]?.at : plain);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
