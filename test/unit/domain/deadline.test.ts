import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';

const cal = WorkingCalendar.create();

describe('resolveDeadline', () => {
  it('makes a date due at the end of that local day', () => {
    expect(resolveDeadline('2026-04-24', cal).toISOString()).toBe('2026-04-24T16:59:59.999Z');
  });

  it('moves a date on a day off to the end of the next working day (Civil Code art. 148)', () => {
    expect(resolveDeadline('2026-04-25', cal).toISOString()).toBe('2026-04-28T16:59:59.999Z');
  });

  it('moves a date inside Tết 2026 past the whole block', () => {
    expect(resolveDeadline('2026-02-18', cal).toISOString()).toBe('2026-02-23T16:59:59.999Z');
  });

  it('keeps an explicit instant exactly, even on a Saturday', () => {
    expect(resolveDeadline('2026-04-25T17:00:00+07:00', cal).toISOString()).toBe('2026-04-25T10:00:00.000Z');
  });

  it('counts N working days after a date', () => {
    const due = resolveDeadline({ workingDays: 3, after: '2026-04-24' }, cal);

    expect(due.toISOString()).toBe('2026-05-04T16:59:59.999Z');
  });

  it('treats zero working days after a day off as the next working day', () => {
    const due = resolveDeadline({ workingDays: 0, after: '2026-05-02' }, cal);

    expect(due.toISOString()).toBe('2026-05-04T16:59:59.999Z');
  });

  it('follows administrator overrides', () => {
    const custom = WorkingCalendar.create([{ date: '2026-04-24', kind: 'off', reason: 'Nghỉ đột xuất' }]);

    expect(resolveDeadline('2026-04-24', custom).toISOString()).toBe('2026-04-28T16:59:59.999Z');
  });

  it('rejects an impossible date', () => {
    expect(() => resolveDeadline('2026-02-30', cal)).toThrow(RangeError);
  });
});
