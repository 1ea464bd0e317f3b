import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../shared/domain/calendar.ts';
import { resolveDeadline } from '../../../shared/domain/deadline.ts';
import { planReminders } from '../../../shared/domain/planner.ts';
import { defaultPolicy, type ReminderPolicy } from '../../../shared/domain/policy.ts';
import { smsInfo } from '../../../shared/domain/sms.ts';
import { buildTimeline, type TimelineInput } from '../../../web/src/model/timeline.ts';

const calendar = WorkingCalendar.create();
const input = (over: Partial<TimelineInput> = {}): TimelineInput => ({
  due: '2026-06-30',
  policy: defaultPolicy,
  calendar,
  assignedAt: new Date('2026-05-04T01:00:00Z'),
  sample: { unitName: 'Sở Nội vụ', taskTitle: 'Báo cáo sơ kết 6 tháng', directiveNumber: '276/UBND-NCPC' },
  pricePerSegment: 0.05,
  ...over,
});

describe('the policy editor timeline', () => {
  it('has one row per reminder the planner plans, at the same instants', () => {
    // Prepare
    const dueAt = resolveDeadline('2026-06-30', calendar);
    const planned = planReminders({ dueAt, policy: defaultPolicy, calendar });
    // Act
    const timeline = buildTimeline(input());
    // Assess
    expect(timeline.rows.map((r) => r.at.toISOString())).toEqual(planned.map((p) => p.at.toISOString()));
  });

  it('gives every SMS row its text with the segment count the SMS counter computes', () => {
    // Act
    const { rows } = buildTimeline(input());
    // Assess
    const sms = rows.filter((r) => r.sms);
    expect(sms.length).toBeGreaterThan(0);
    for (const row of sms) expect(row.sms?.info).toEqual(smsInfo(row.sms?.text ?? ''));
  });

  it("ends every SMS with a link as long as the recipient's, counted in its segments (one, stripped)", () => {
    // Act
    const { rows } = buildTimeline(input({ linkBase: 'https://d1x2y3z4abcd.cloudfront.net' }));
    // Assess
    const sms = rows.filter((r) => r.sms);
    expect(sms.length).toBeGreaterThan(0);
    for (const row of sms) {
      expect(row.sms?.text.endsWith(' https://d1x2y3z4abcd.cloudfront.net/l/XXXXXXXXXXXX')).toBe(true);
      expect(row.sms?.info).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    }
  });

  it('sends stripped text as GSM-7 and kept diacritics as UCS-2', () => {
    // Prepare
    const keep: ReminderPolicy = { ...defaultPolicy, smsDiacritics: 'keep' };
    // Act
    const stripped = buildTimeline(input()).rows.find((r) => r.sms);
    const kept = buildTimeline(input({ policy: keep })).rows.find((r) => r.sms);
    // Assess
    expect(stripped?.sms?.info.encoding).toBe('GSM-7');
    expect(kept?.sms?.info.encoding).toBe('UCS-2');
    expect(kept?.sms?.text).toContain('Sở Nội vụ');
  });

  it('prices the SMS segments at the given price per segment', () => {
    // Act
    const timeline = buildTimeline(input({ pricePerSegment: 0.1 }));
    // Assess
    expect(timeline.totals.cost).toBeCloseTo(timeline.totals.segments * 0.1, 6);
    expect(timeline.totals.sms).toBe(timeline.rows.filter((r) => r.sms).length);
  });

  it('words reminders after the deadline as overdue', () => {
    // Act
    const { rows, dueAt } = buildTimeline(input());
    // Assess
    const after = rows.filter((r) => r.at.getTime() > dueAt.getTime());
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.status === 'overdue' && r.daysLeft < 0)).toBe(true);
  });

  it('resolves a deadline of N working days the way the engine does', () => {
    // Prepare
    const due = { workingDays: 10, after: '2026-04-24' };
    // Act
    const timeline = buildTimeline(input({ due }));
    // Assess
    expect(timeline.dueAt.toISOString()).toBe(resolveDeadline(due, calendar).toISOString());
  });
});
