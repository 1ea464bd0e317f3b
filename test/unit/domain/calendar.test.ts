import { describe, expect, it } from 'vitest';
import { endOfLocalDay, localInstant, toLocalDate, WorkingCalendar, ZONE } from '#domain/calendar';

const cal = WorkingCalendar.create();

describe('local time in Asia/Ho_Chi_Minh', () => {
  it('names the zone AWS expects', () => {
    expect(ZONE).toBe('Asia/Ho_Chi_Minh');
  });

  it('puts 17:00 UTC on the next local day', () => {
    expect(toLocalDate(new Date('2026-04-23T17:00:00Z'))).toBe('2026-04-24');
  });

  it('keeps 16:59 UTC on the same local day', () => {
    expect(toLocalDate(new Date('2026-04-23T16:59:59.999Z'))).toBe('2026-04-23');
  });

  it('turns a local date and time into the UTC instant seven hours earlier', () => {
    expect(localInstant('2026-04-24', '08:00').toISOString()).toBe('2026-04-24T01:00:00.000Z');
  });

  it('ends a local day at 23:59:59.999 local time', () => {
    expect(endOfLocalDay('2026-04-24').toISOString()).toBe('2026-04-24T16:59:59.999Z');
  });

  it('rejects an impossible date', () => {
    expect(() => localInstant('2026-02-30', '08:00')).toThrow(RangeError);
  });
});

describe('the shipped national calendar', () => {
  it.each([
    ['2026-04-28', 'Ngày làm việc (Thứ Ba)'],
    ['2024-05-04', 'Ngày làm việc bù (hoán đổi cho thứ Hai 29/04/2024)'],
    ['2025-04-26', 'Ngày làm việc bù (hoán đổi cho thứ Sáu 02/05/2025)'],
    ['2023-01-27', 'Ngày làm việc (nghỉ Tết 2023 đến hết 26/01)'],
    ['2024-02-15', 'Ngày làm việc (nghỉ Tết 2024 đến hết 14/02)'],
    ['2025-02-03', 'Ngày làm việc (nghỉ Tết 2025 đến hết 02/02)'],
  ])('counts %s as a working day: %s', (date, reason) => {
    expect(cal.dayInfo(date)).toEqual({ date, working: true, reason });
  });

  it.each([
    ['2026-04-25', 'Thứ Bảy'],
    ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
    ['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 trùng Chủ Nhật)'],
    ['2026-04-30', 'Ngày Giải phóng miền Nam, thống nhất đất nước'],
    ['2026-05-01', 'Ngày Quốc tế Lao động'],
    ['2023-01-02', 'Nghỉ bù Tết Dương lịch (01/01/2023 trùng Chủ Nhật)'],
    ['2023-01-20', 'Tết Nguyên Đán (29 tháng Chạp)'],
    ['2023-05-03', 'Nghỉ bù Ngày Giải phóng miền Nam, thống nhất đất nước (30/04/2023 trùng Chủ Nhật)'],
    ['2023-09-01', 'Quốc khánh (ngày liền kề, 01/09/2023)'],
    ['2023-09-04', 'Nghỉ bù Quốc khánh (02/09/2023 trùng Thứ Bảy)'],
    ['2024-02-08', 'Tết Nguyên Đán (29 tháng Chạp)'],
    ['2024-04-29', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)'],
    ['2024-09-03', 'Quốc khánh (ngày liền kề, 03/09/2024)'],
    ['2025-01-27', 'Tết Nguyên Đán (28 tháng Chạp)'],
    ['2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)'],
    ['2025-09-01', 'Quốc khánh (ngày liền kề, 01/09/2025)'],
    ['2025-09-02', 'Quốc khánh'],
    ['2026-02-17', 'Tết Nguyên Đán'],
    ['2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (01/05/2027 trùng Thứ Bảy)'],
  ])('counts %s as a day off: %s', (date, reason) => {
    expect(cal.dayInfo(date)).toEqual({ date, working: false, reason });
  });

  it.each([
    ['2023', '2023-01-20', '2023-01-26'],
    ['2024', '2024-02-08', '2024-02-14'],
    ['2025', '2025-01-25', '2025-02-02'],
    ['2026', '2026-02-14', '2026-02-22'],
  ])(
    'gives the whole Tết %s block off, from %s to %s, and works the days around it',
    (_year, first, last) => {
      const days = datesBetween(first, last);

      expect(days.filter((d) => cal.isWorkingDay(d))).toEqual([]);
      expect(cal.isWorkingDay(shift(first, -1))).toBe(true);
      expect(cal.isWorkingDay(shift(last, 1))).toBe(true);
    },
  );
});

describe('administrator overrides', () => {
  it('add a day off with its reason', () => {
    const custom = WorkingCalendar.create([
      { date: '2026-04-28', kind: 'off', reason: 'Nghỉ theo quyết định của UBND tỉnh' },
    ]);

    expect(custom.dayInfo('2026-04-28')).toEqual({
      date: '2026-04-28',
      working: false,
      reason: 'Nghỉ theo quyết định của UBND tỉnh',
    });
  });

  it('win over the shipped table', () => {
    const custom = WorkingCalendar.create([{ date: '2026-04-27', kind: 'working', reason: 'Làm việc bù' }]);

    expect(custom.isWorkingDay('2026-04-27')).toBe(true);
  });

  it('do not leak into a calendar created without them', () => {
    WorkingCalendar.create([{ date: '2026-04-28', kind: 'off', reason: 'x' }]);

    expect(WorkingCalendar.create().isWorkingDay('2026-04-28')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips the Giỗ Tổ and 30/4-1/5 blocks of 2026', () => {
    expect(cal.addWorkingDays('2026-04-24', 3)).toBe('2026-05-04');
  });

  it('walks backwards over them with a negative count', () => {
    expect(cal.addWorkingDays('2026-05-04', -3)).toBe('2026-04-24');
  });

  it('returns a working start date unchanged for zero', () => {
    expect(cal.addWorkingDays('2026-04-24', 0)).toBe('2026-04-24');
  });

  it('moves a day off to the next working day for zero', () => {
    expect(cal.addWorkingDays('2026-04-25', 0)).toBe('2026-04-28');
  });

  it('crosses a year boundary', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
  });
});

describe('nextWorkingInstant', () => {
  it('keeps the same day when the time is still ahead', () => {
    const at = cal.nextWorkingInstant(new Date('2026-04-24T00:30:00Z'), '08:00');

    expect(at.toISOString()).toBe('2026-04-24T01:00:00.000Z');
  });

  it('returns the start itself when it is exactly the time on a working day', () => {
    const at = cal.nextWorkingInstant(new Date('2026-04-24T01:00:00Z'), '08:00');

    expect(at.toISOString()).toBe('2026-04-24T01:00:00.000Z');
  });

  it('goes to the next working day once the time has passed', () => {
    const at = cal.nextWorkingInstant(new Date('2026-04-24T02:00:00Z'), '08:00');

    expect(at.toISOString()).toBe('2026-04-28T01:00:00.000Z');
  });
});

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function datesBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = first; d <= last; d = shift(d, 1)) days.push(d);
  return days;
}
