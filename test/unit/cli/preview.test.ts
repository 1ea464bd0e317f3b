import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { dondoc } from '../../support/cli.ts';

async function policyFile(content: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'dondoc-preview-')), 'policy.json');
  await writeFile(file, content);
  return file;
}

describe('dondoc preview', () => {
  it('prints the due instant and every planned reminder as JSON', async () => {
    const run = await dondoc('preview', '--due', '2026-04-24', '--json');

    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.dueAt).toBe('2026-04-24T16:59:59.999Z');
    expect(plan.reminders).toHaveLength(8);
    expect(plan.reminders[0]).toEqual({
      at: '2026-04-17T01:00:00.000Z',
      step: 0,
      send: 1,
      channels: ['email'],
      to: ['unit'],
    });
    expect(plan.reminders[7]).toEqual({
      at: '2026-05-13T01:00:00.000Z',
      step: 4,
      send: 1,
      channels: ['sms', 'email'],
      to: ['unit', 'parent'],
    });
  });

  it('prints a readable table in local time', async () => {
    const run = await dondoc('preview', '--due', '2026-04-24');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Hạn (due): Thứ Sáu 24/04/2026 23:59 = 2026-04-24T16:59:59.999Z — chính sách mac-dinh',
    );
    expect(run.stdout).toMatch(/5 +Thứ Hai 04\/05\/2026 08:00 +3 +2 +\+1wd +sms, email +unit/);
  });

  it('moves a due date on a day off to the next working day', async () => {
    const run = await dondoc('preview', '--due', '2026-04-25', '--json');

    expect(JSON.parse(run.stdout).dueAt).toBe('2026-04-28T16:59:59.999Z');
  });

  it('uses a policy file', async () => {
    const file = await policyFile(
      JSON.stringify({ name: 'gap', steps: [{ offset: '-2wd', channels: ['sms'], to: ['office'] }] }),
    );

    const run = await dondoc('preview', '--due', '2026-04-24', '--policy', file, '--json');

    expect(JSON.parse(run.stdout).reminders).toEqual([
      { at: '2026-04-22T01:00:00.000Z', step: 0, send: 1, channels: ['sms'], to: ['office'] },
    ]);
  });

  it('rejects an invalid policy file naming the field and the rule', async () => {
    const file = await policyFile(
      JSON.stringify({
        name: 'x',
        sendAt: '22:00',
        steps: [{ offset: '0wd', channels: ['sms'], to: ['unit'] }],
      }),
    );

    const run = await dondoc('preview', '--due', '2026-04-24', '--policy', file);

    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toBe(
      `dondoc preview: invalid policy file ${file}: sendAt: must be outside quiet hours (21:00-07:00)`,
    );
  });

  it('rejects a policy file that is not JSON', async () => {
    const file = await policyFile('{ name: mac-dinh');

    const run = await dondoc('preview', '--due', '2026-04-24', '--policy', file);

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`policy file ${file} is not valid JSON`);
  });

  it('rejects an impossible due date', async () => {
    const run = await dondoc('preview', '--due', '2026-02-30');

    expect(run.code).not.toBe(0);
    expect(run.stderr.trim()).toBe(
      "dondoc preview: --due '2026-02-30' is neither a real date YYYY-MM-DD nor an instant with an offset",
    );
  });

  it('requires --due', async () => {
    const run = await dondoc('preview', '--json');

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--due is required');
  });

  it('rejects an unknown flag', async () => {
    const run = await dondoc('preview', '--due', '2026-04-24', '--policies', 'x.json');

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("Unknown option '--policies'");
  });
});
