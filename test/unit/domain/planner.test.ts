import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';
import { planReminders } from '#domain/planner';
import { defaultPolicy, parsePolicy } from '#domain/policy';

const calendar = WorkingCalendar.create();
const dueAt = resolveDeadline('2026-04-24', calendar);

function policyOf(...steps: object[]) {
  return parsePolicy({ name: 'thu-nghiem', steps });
}

function times(plan: { at: Date }[]): string[] {
  return plan.map((r) => r.at.toISOString());
}

describe('planReminders with the default policy', () => {
  it('plans every send of mac-dinh around the 2026 Giỗ Tổ and 30/4-1/5 holidays', () => {
    const plan = planReminders({ dueAt, policy: defaultPolicy, calendar });

    expect(plan.map((r) => [r.at.toISOString(), r.step, r.send])).toEqual([
      ['2026-04-17T01:00:00.000Z', 0, 1],
      ['2026-04-23T01:00:00.000Z', 1, 1],
      ['2026-04-24T01:00:00.000Z', 2, 1],
      ['2026-04-28T01:00:00.000Z', 3, 1],
      ['2026-05-04T01:00:00.000Z', 3, 2],
      ['2026-05-06T01:00:00.000Z', 3, 3],
      ['2026-05-08T01:00:00.000Z', 3, 4],
      ['2026-05-13T01:00:00.000Z', 4, 1],
    ]);
  });

  it('carries each step’s channels and audience', () => {
    const plan = planReminders({ dueAt, policy: defaultPolicy, calendar });

    expect(plan.at(-1)).toMatchObject({ channels: ['sms', 'email'], to: ['unit', 'parent'] });
  });

  it('is deterministic', () => {
    const first = planReminders({ dueAt, policy: defaultPolicy, calendar });

    expect(planReminders({ dueAt, policy: defaultPolicy, calendar })).toEqual(first);
  });
});

describe('planReminders placement', () => {
  it('sorts sends by time whatever the order of the steps', () => {
    const plan = planReminders({ dueAt, policy: policyOf(step('+1wd'), step('-1wd')), calendar });

    expect(plan.map((r) => r.step)).toEqual([1, 0]);
  });

  it('moves a calendar-day offset before the deadline back to the previous working day', () => {
    const due = resolveDeadline('2026-05-04', calendar);

    const plan = planReminders({ dueAt: due, policy: policyOf(step('-2d')), calendar });

    expect(times(plan)).toEqual(['2026-04-29T01:00:00.000Z']);
  });

  it('moves a calendar-day offset after the deadline forward to the next working day', () => {
    const plan = planReminders({ dueAt, policy: policyOf(step('+1d')), calendar });

    expect(times(plan)).toEqual(['2026-04-28T01:00:00.000Z']);
  });

  it('sends an hour offset at its exact instant when that is allowed', () => {
    const plan = planReminders({ dueAt, policy: policyOf(step('-4h')), calendar });

    expect(times(plan)).toEqual(['2026-04-24T12:59:59.999Z']);
  });

  it('pulls an hour offset before the deadline back out of quiet hours', () => {
    const plan = planReminders({ dueAt, policy: policyOf(step('-2h')), calendar });

    expect(times(plan)).toEqual(['2026-04-24T13:59:00.000Z']);
  });

  it('pushes an hour offset after the deadline to sendAt of the next working day', () => {
    const plan = planReminders({ dueAt, policy: policyOf(step('+2h')), calendar });

    expect(times(plan)).toEqual(['2026-04-28T01:00:00.000Z']);
  });

  it('sends hour offsets of urgent (hỏa tốc) items at the exact instant, even at night on a holiday', () => {
    const plan = planReminders({ dueAt, policy: policyOf(step('+2h')), calendar, urgent: true });

    expect(times(plan)).toEqual(['2026-04-24T18:59:59.999Z']);
  });

  it('repeats every N hours from the previous send', () => {
    const policy = policyOf({ ...step('-6h'), repeatEvery: '2h', times: 2 });

    expect(times(planReminders({ dueAt, policy, calendar }))).toEqual([
      '2026-04-24T10:59:59.999Z',
      '2026-04-24T12:59:59.999Z',
    ]);
  });

  it('uses the policy’s own send time', () => {
    const policy = parsePolicy({ name: 'chieu', sendAt: '14:30', steps: [step('0wd')] });

    expect(times(planReminders({ dueAt, policy, calendar }))).toEqual(['2026-04-24T07:30:00.000Z']);
  });
});

function step(offset: string) {
  return { offset, channels: ['sms'], to: ['unit'] };
}
