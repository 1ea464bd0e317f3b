import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../shared/domain/calendar.ts';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../../../shared/domain/supported-range.ts';
import {
  VN_CALENDAR_NOTICES,
  VN_OFFICIAL_ARRANGEMENTS,
  VN_SECOND_NATIONAL_DAY,
} from '../../../shared/domain/vn-calendar-overrides.ts';
import { VN_STATUTORY_HOLIDAYS } from '../../../shared/domain/vn-statutory-holidays.ts';

const cal = WorkingCalendar.create();
const yearOf = (date: string) => Number(date.slice(0, 4));

describe('the 2026 National Day arrangement', () => {
  it.each(['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02'])('gives %s off', (date) => {
    expect(cal.isWorkingDay(date)).toBe(false);
  });

  it('says why Monday 31/08 is off', () => {
    expect(cal.dayInfo('2026-08-31').reason).toBe('Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)');
  });

  it('makes Saturday 22/08 a working day in its place', () => {
    expect(cal.dayInfo('2026-08-22')).toEqual({
      date: '2026-08-22',
      working: true,
      reason: 'Ngày làm việc bù (hoán đổi cho thứ Hai 31/08/2026)',
    });
  });

  it('works Friday 28/08 and Thursday 03/09 around the block', () => {
    expect([cal.isWorkingDay('2026-08-28'), cal.isWorkingDay('2026-09-03')]).toEqual([true, true]);
  });

  it('counts 4 working days after Wednesday 26/08 to Friday 04/09', () => {
    expect(cal.addWorkingDays('2026-08-26', 4)).toBe('2026-09-04');
  });
});

describe('the shipped notices', () => {
  it('name a source and a status for every year they change', () => {
    const years = new Set([
      ...VN_OFFICIAL_ARRANGEMENTS.map((a) => yearOf(a.date)),
      ...Object.keys(VN_SECOND_NATIONAL_DAY).map(Number),
    ]);

    expect([...years].filter((y) => !VN_CALENDAR_NOTICES[y])).toEqual([]);
  });

  it('call a year confirmed only when every entry of it is confirmed', () => {
    const expectedEntries = [
      ...VN_OFFICIAL_ARRANGEMENTS.filter((a) => a.status === 'expected').map((a) => yearOf(a.date)),
      ...Object.entries(VN_SECOND_NATIONAL_DAY)
        .filter(([, d]) => d.status === 'expected')
        .map(([y]) => Number(y)),
    ];

    expect(expectedEntries.filter((y) => VN_CALENDAR_NOTICES[y]?.status === 'confirmed')).toEqual([]);
  });

  it('cover exactly the supported years in the statutory table', () => {
    const years = Object.keys(VN_STATUTORY_HOLIDAYS).map(Number);

    expect([Math.min(...years), Math.max(...years), years.length]).toEqual([
      FIRST_SUPPORTED_YEAR,
      LAST_SUPPORTED_YEAR,
      LAST_SUPPORTED_YEAR - FIRST_SUPPORTED_YEAR + 1,
    ]);
  });
});
