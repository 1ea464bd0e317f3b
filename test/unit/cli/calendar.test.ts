import { describe, expect, it } from 'vitest';

import { dondoc } from '../../support/cli.ts';

describe('dondoc calendar check', () => {
  it('says 27/04/2026 is a day off and why', async () => {
    const run = await dondoc('calendar', 'check', '2026-04-27');

    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      '27/04/2026 (Thứ Hai): ngày nghỉ (day off) — Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 trùng Chủ Nhật)',
    );
  });

  it('answers in JSON with --json', async () => {
    const run = await dondoc('calendar', 'check', '2024-05-04', '--json');

    expect(JSON.parse(run.stdout)).toEqual({
      date: '2024-05-04',
      working: true,
      reason: 'Ngày làm việc bù (hoán đổi cho thứ Hai 29/04/2024)',
      weekday: 'Thứ Bảy',
    });
  });

  it('rejects an impossible date with one line and a non-zero exit', async () => {
    const run = await dondoc('calendar', 'check', '2026-02-30');

    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toBe("dondoc calendar: '2026-02-30' is not a real calendar date (YYYY-MM-DD)");
  });

  it('rejects an unknown flag', async () => {
    const run = await dondoc('calendar', 'check', '2026-04-27', '--verbose');

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("Unknown option '--verbose'");
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects an unknown subcommand', async () => {
    const run = await dondoc('calendar', 'list');

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("expected 'calendar check DATE' or 'calendar add DATE N'");
  });
});

describe('dondoc calendar add', () => {
  it('adds working days over the 2026 holidays and lists the days skipped', async () => {
    const run = await dondoc('calendar', 'add', '2026-04-24', '3');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('24/04/2026 (Thứ Sáu) + 3 ngày làm việc = 04/05/2026 (Thứ Hai)');
    expect(run.stdout).toContain('Nghỉ bù Giỗ Tổ Hùng Vương');
  });

  it('accepts a negative count', async () => {
    const run = await dondoc('calendar', 'add', '2026-05-04', '-3', '--json');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      date: '2026-05-04',
      workingDays: -3,
      result: '2026-04-24',
    });
  });

  it('rejects a count that is not a whole number', async () => {
    const run = await dondoc('calendar', 'add', '2026-04-24', 'ba');

    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toBe("dondoc calendar: 'ba' is not a whole number of working days");
  });
});
