import { describe, expect, it } from 'vitest';
import { occurrences } from '#domain/recurrence';
import { ValidationError } from '#shared/errors';

describe('occurrences', () => {
  it('lists the quarterly report on the 14th of each quarter’s last month', () => {
    const dates = occurrences('FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=14', '2026-01-01', '2026-12-31');

    expect(dates).toEqual(['2026-03-14', '2026-06-14', '2026-09-14', '2026-12-14']);
  });

  it('lists the annual review (tổng kết) once a year', () => {
    const dates = occurrences('RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15', '2023-01-01', '2026-12-31');

    expect(dates).toEqual(['2023-12-15', '2024-12-15', '2025-12-15', '2026-12-15']);
  });

  it('includes occurrences on both ends of the range', () => {
    const dates = occurrences('FREQ=MONTHLY;BYMONTHDAY=14', '2026-03-14', '2026-04-14');

    expect(dates).toEqual(['2026-03-14', '2026-04-14']);
  });

  it('keeps the local date of a DTSTART with a time zone instead of shifting it to UTC', () => {
    const rule = 'DTSTART;TZID=Asia/Ho_Chi_Minh:20260101T000000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3';

    expect(occurrences(rule, '2026-01-01', '2026-12-31')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('honours a DTSTART before the range', () => {
    const rule = 'DTSTART:20250115T000000Z\nRRULE:FREQ=MONTHLY;INTERVAL=2';

    expect(occurrences(rule, '2026-01-01', '2026-04-30')).toEqual(['2026-01-15', '2026-03-15']);
  });

  it('rejects text that is not an RRULE with a validation error naming the field', () => {
    const act = () => occurrences('FREQ=SOMETIMES', '2026-01-01', '2026-12-31');

    expect(act).toThrow(ValidationError);
    expect(act).toThrow(/recurrence: must be an RFC 5545 RRULE/);
  });

  it('rejects an impossible range date', () => {
    expect(() => occurrences('FREQ=DAILY', '2026-02-30', '2026-03-31')).toThrow(
      /from: must be a real calendar date/,
    );
  });
});
