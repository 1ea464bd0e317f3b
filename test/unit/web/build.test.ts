import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, buildConsole } from '../../../web/build.ts';

/** The budget: no page's script over 150 KB gzipped, shell and shared chunks included. */
const PAGE_SCRIPT_BUDGET = 150_000;

let built: BuildResult;
beforeAll(async () => {
  built = await buildConsole({ outDir: await mkdtemp(join(tmpdir(), 'dondoc-web-build-')) });
}, 60_000);
afterAll(() => rm(built.outDir, { recursive: true, force: true }));

describe('the console build', () => {
  it('splits the code by page, each page within 150 KB of script gzipped', () => {
    // Assess
    expect(Object.keys(built.pageScripts).sort()).toEqual(
      expect.arrayContaining(['assignment', 'dashboard', 'directives', 'scorecard', 'unit-head', 'units']),
    );
    const over = Object.entries(built.pageScripts).filter(([, gz]) => gz > PAGE_SCRIPT_BUDGET);
    expect(over).toEqual([]);
  });

  it('keeps zod out of the first screen of the dashboard and of a unit head', () => {
    // Assess: those pages load no validation code at all (under a third of a page that validates).
    const { dashboard = 0, 'unit-head': head = 0, directives = 0 } = built.pageScripts;
    expect(Math.max(dashboard, head)).toBeLessThan(directives / 2);
  });

  it('writes a brotli and a gzip copy of every script and stylesheet', async () => {
    // Act
    const files = await readdir(join(built.outDir, 'assets'));
    const assets = files.filter((f) => /\.(js|css)$/.test(f));
    // Assess
    expect(assets.filter((f) => !files.includes(`${f}.br`) || !files.includes(`${f}.gz`))).toEqual([]);
  });
});
