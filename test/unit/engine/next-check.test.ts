import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import { defaultPolicy } from '#domain/policy';
import type { Assignment } from '#schemas/entities';
import { dueBetween, firstCheckFrom, planInputsChanged, planOf } from '#usecases/engine/next-check';

const calendar = WorkingCalendar.create();
const a = {
  id: 'a1',
  dueAt: '2026-03-20T16:59:59.999Z',
  policy: 'mac-dinh',
  urgent: false,
  state: 'open',
  unitId: 'so-noi-vu',
} as Assignment;
const plan = planOf(a, defaultPolicy, calendar);

describe('the next-check rule', () => {
  it('starts a new plan at the first reminder at or after now', () => {
    expect(firstCheckFrom(plan, new Date('2026-03-16T00:00:00.000Z'))?.toISOString()).toBe(
      '2026-03-19T01:00:00.000Z',
    );
  });

  it('counts a reminder planned exactly now as the next check', () => {
    expect(firstCheckFrom(plan, new Date('2026-03-19T01:00:00.000Z'))?.toISOString()).toBe(
      '2026-03-19T01:00:00.000Z',
    );
  });

  it('has no next check once the plan is exhausted', () => {
    expect(firstCheckFrom(plan, new Date('2026-06-01T00:00:00.000Z'))).toBeUndefined();
  });

  it('handles every reminder from the cursor to now, both included, after a missed day', () => {
    const due = dueBetween(plan, new Date('2026-03-19T01:00:00.000Z'), new Date('2026-03-20T02:00:00.000Z'));

    expect(due.map((r) => [r.step, r.send])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('treats a progress report as no change of plan', () => {
    expect(planInputsChanged(a, { ...a, progress: 50 } as Assignment)).toBe(false);
  });

  it('treats an extension as a change of plan', () => {
    expect(planInputsChanged(a, { ...a, dueAt: '2026-04-10T16:59:59.999Z' })).toBe(true);
  });
});
