import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import {
  type AssessedAssignment,
  type AssignmentStatus,
  assessStatus,
  isFallingBehind,
} from '#domain/status';

const cal = WorkingCalendar.create();

/** Assigned 01/04/2026 08:00, due end of 24/04/2026, 50% reported on 10/04. */
function assignment(changes: Partial<AssessedAssignment> = {}): AssessedAssignment {
  return {
    state: 'open',
    assignedAt: '2026-04-01T01:00:00.000Z',
    dueAt: '2026-04-24T16:59:59.999Z',
    originalDueAt: '2026-04-24T16:59:59.999Z',
    progress: 50,
    lastProgressAt: '2026-04-10T03:00:00.000Z',
    ...changes,
  };
}

describe('assessStatus of open assignments', () => {
  it('is on track early on with reasonable progress', () => {
    const result = assessStatus(assignment({ progress: 10 }), new Date('2026-04-06T01:00:00Z'), cal);

    expect(result.status).toBe('on-track');
    expect(result.reason).toBe('Trong hạn: còn 18 ngày (hạn 24/04/2026 23:59), tiến độ 10%');
  });

  it('is due soon within three working days of the deadline', () => {
    const result = assessStatus(assignment({ progress: 90 }), new Date('2026-04-22T03:00:00Z'), cal);

    expect(result).toEqual({
      status: 'due-soon',
      reason: 'Sắp đến hạn: đến hạn sau 2 ngày (hạn 24/04/2026 23:59), tiến độ 90%',
    });
  });

  it('counts working days for due soon: a Tuesday deadline is not yet due soon on the previous Wednesday', () => {
    const a = assignment({
      progress: 90,
      dueAt: '2026-05-05T16:59:59.999Z',
      originalDueAt: '2026-05-05T16:59:59.999Z',
    });

    expect(assessStatus(a, new Date('2026-04-22T03:00:00Z'), cal).status).toBe('on-track');
  });

  it('is behind pace when progress trails the time used by a wide margin', () => {
    const result = assessStatus(assignment({ progress: 10 }), new Date('2026-04-15T03:00:00Z'), cal);

    expect(result.status).toBe('behind-pace');
    expect(result.reason).toMatch(/^Chậm tiến độ: báo cáo 10% trong khi đã dùng 6\d% thời gian/);
  });

  it('is behind pace when more than half the time went by without any progress report', () => {
    const a = assignment({ progress: 40, lastProgressAt: undefined });

    const result = assessStatus(a, new Date('2026-04-15T03:00:00Z'), cal);

    expect(result.status).toBe('behind-pace');
    expect(result.reason).toMatch(/chưa báo cáo tiến độ/);
  });

  it('is overdue after the deadline, counting days', () => {
    const result = assessStatus(assignment(), new Date('2026-04-27T03:00:00Z'), cal);

    expect(result).toEqual({
      status: 'overdue',
      reason: 'Quá hạn 3 ngày (hạn 24/04/2026 23:59), tiến độ 50%',
    });
  });

  it('mentions an extension and judges against the extended deadline', () => {
    const a = assignment({ dueAt: '2026-05-08T16:59:59.999Z' });

    const result = assessStatus(a, new Date('2026-04-27T03:00:00Z'), cal);

    expect(result.status).toBe('on-track');
    expect(result.reason).toContain('đã gia hạn, hạn ban đầu 24/04/2026 23:59');
  });
});

describe('assessStatus of closed assignments', () => {
  it('is done on time when completed before the deadline', () => {
    const a = assignment({ state: 'done', progress: 100, completedAt: '2026-04-24T09:00:00.000Z' });

    expect(assessStatus(a, new Date('2026-05-01T00:00:00Z'), cal)).toEqual({
      status: 'done-on-time',
      reason: 'Hoàn thành lúc 24/04/2026 16:00, đúng hạn (hạn 24/04/2026 23:59)',
    });
  });

  it('is done late when completed after the deadline', () => {
    const a = assignment({ state: 'done', progress: 100, completedAt: '2026-04-28T02:00:00.000Z' });

    expect(assessStatus(a, new Date('2026-05-01T00:00:00Z'), cal)).toEqual({
      status: 'done-late',
      reason: 'Hoàn thành lúc 28/04/2026 09:00, quá hạn 4 ngày (hạn 24/04/2026 23:59)',
    });
  });

  it('is done on time when completed within an approved extension', () => {
    const a = assignment({
      state: 'done',
      progress: 100,
      dueAt: '2026-05-08T16:59:59.999Z',
      completedAt: '2026-05-05T02:00:00.000Z',
    });

    expect(assessStatus(a, new Date('2026-05-20T00:00:00Z'), cal).status).toBe('done-on-time');
  });
});

describe('isFallingBehind', () => {
  it.each<[AssignmentStatus, boolean]>([
    ['on-track', false],
    ['due-soon', true],
    ['behind-pace', true],
    ['overdue', true],
    ['done-on-time', false],
    ['done-late', false],
  ])('says %s -> %s', (status, expected) => {
    expect(isFallingBehind(status)).toBe(expected);
  });
});
