import { describe, expect, it } from 'vitest';

import { dondoc } from '../../support/cli.ts';

const REMINDER = 'Nhắc việc: Sở Nội vụ, báo cáo quý I theo VB 276/UBND-NCPC, hạn 14/03/2023: quá hạn 5 ngày.';

describe('dondoc sms', () => {
  it('reports UCS-2 and its segments for Vietnamese text with diacritics', async () => {
    const run = await dondoc('sms', REMINDER, '--json');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      encoding: 'UCS-2',
      characters: 90,
      units: 90,
      segments: 2,
      text: REMINDER,
    });
  });

  it('strips the diacritics and reports GSM-7 with --strip', async () => {
    const run = await dondoc('sms', '--strip', '--json', REMINDER);

    expect(JSON.parse(run.stdout)).toEqual({
      encoding: 'GSM-7',
      characters: 90,
      units: 90,
      segments: 1,
      text: 'Nhac viec: So Noi vu, bao cao quy I theo VB 276/UBND-NCPC, han 14/03/2023: qua han 5 ngay.',
    });
  });

  it('prints a readable table without --json', async () => {
    const run = await dondoc('sms', 'Xin chao {ban}');

    expect(run.stdout).toContain('encoding    GSM-7');
    expect(run.stdout).toContain('units       16 (septets)');
    expect(run.stdout).toContain('segments    1 (160 in a single SMS, 153 per part)');
    expect(run.stdout).toContain('text        Xin chao {ban}');
  });

  it('fails with one line when the text is missing', async () => {
    const run = await dondoc('sms', '--strip');

    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'dondoc sms: missing the text to measure (usage: dondoc sms "TEXT" [--strip] [--json])',
    ]);
  });

  it('fails with one line on an unknown flag', async () => {
    const run = await dondoc('sms', 'abc', '--unicode');

    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'dondoc sms: Unknown option \'--unicode\' (usage: dondoc sms "TEXT" [--strip] [--json])',
    ]);
  });
});
