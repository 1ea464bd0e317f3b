import { describe, expect, it } from 'vitest';
import { MAX_OCCURRENCES, occurrences } from '#domain/recurrence';
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

describe('occurrences refuses what cannot be a plan of dates', () => {
  it.each([
    ['FREQ=SECONDLY', /FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY/],
    ['FREQ=MINUTELY;INTERVAL=1', /FREQ must be DAILY/],
    ['RRULE:FREQ=HOURLY;COUNT=5', /FREQ must be DAILY/],
    ['RRULE:FREQ=DAILY\nEXRULE:FREQ=SECONDLY', /FREQ must be DAILY/],
    ['FREQ=DAILY;BYHOUR=8,9,10', /must not set BYHOUR, BYMINUTE or BYSECOND/],
    ['FREQ=DAILY;BYSECOND=0,1,2,3,4,5', /must not set BYHOUR, BYMINUTE or BYSECOND/],
    ['DTSTART:00010101T000000Z\nRRULE:FREQ=DAILY', /DTSTART must be between 1990-01-01 and 2100-12-31/],
    ['DTSTART:99991231T000000Z\nRRULE:FREQ=YEARLY', /DTSTART must be between/],
  ])('refuses %j with a validation error on recurrence', (rule, message) => {
    const act = () => occurrences(rule, '2026-01-01', '2026-12-31');

    expect(act).toThrow(ValidationError);
    expect(act).toThrow(message);
  });

  it.each([
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYSETPOS=1',
    'DTSTART:19900101T000000Z\nRRULE:FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31',
  ])('stops expanding %j, a rule that never occurs, and refuses it', (rule) => {
    const act = () => occurrences(rule, '2026-01-01', '2026-12-31');

    expect(act).toThrow(/takes too long to expand/);
  });

  it('still expands a rule that occurs rarely (29 February)', () => {
    const dates = occurrences('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2025-01-01', '2028-12-31');

    expect(dates).toEqual(['2028-02-29']);
  });

  it('stops at MAX_OCCURRENCES dates however long the range', () => {
    const dates = occurrences('FREQ=DAILY', '2026-01-01', '2100-12-31');

    expect(dates).toHaveLength(MAX_OCCURRENCES);
    expect(dates.at(-1)).toBe('2028-09-26');
  });
});
