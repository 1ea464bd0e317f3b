import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import '../local/runtime/quiet-env.ts';
import { startRuntime } from '../local/runtime/runtime.ts';
import { loadSecret, signToken } from '../local/runtime/tokens.ts';
import { buildConsole } from './build.ts';

/**
 * `npx tsx web/lighthouse.ts [--runs N] [--json]`: Lighthouse 12 (mobile: Moto G Power, slow 4G,
 * 4x CPU slowdown, simulated) on the dashboard, directive 276 and a unit head's view, against the
 * local runtime with the demo province seeded in a temporary folder and a fresh production build,
 * driving Debian's chromium (`CHROME_PATH`, default /usr/bin/chromium). Prints the scores and the
 * metrics behind them (median of N runs, default 3); asserts nothing — the figures go to
 * docs/performance.md.
 */
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
});
const RUNS = Math.max(1, Number(values.runs));
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  scriptKiB: number;
}

async function audit(url: string, port: number): Promise<Scores> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories: c, audits: a } = result.lhr;
  const score = (id: string) => Math.round((c[id]?.score ?? 0) * 100);
  const ms = (id: string) => Math.round(a[id]?.numericValue ?? Number.NaN);
  const items = (
    a['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] }
  )?.items;
  const script = (items ?? [])
    .filter((i) => i.resourceType === 'Script')
    .reduce((s, i) => s + (i.transferSize ?? 0), 0);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcp: ms('first-contentful-paint'),
    lcp: ms('largest-contentful-paint'),
    tbt: ms('total-blocking-time'),
    cls: Number((a['cumulative-layout-shift']?.numericValue ?? Number.NaN).toFixed(3)),
    scriptKiB: Math.round(script / 102.4) / 10,
  };
}

function median(runs: Scores[]): Scores {
  const pick = (k: keyof Scores) => {
    const sorted = runs.map((r) => r[k]).sort((x, y) => x - y);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  const keys = Object.keys(runs[0] as Scores) as (keyof Scores)[];
  return Object.fromEntries(keys.map((k) => [k, pick(k)])) as unknown as Scores;
}

await buildConsole();
const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-lighthouse-'));
const runtime = await startRuntime({ port: 0, dataDir, demo: true, print: () => {} });
const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS });
try {
  const head = await signToken(await loadSecret(dataDir), { role: 'unit-head', unitId: 'so-noi-vu' });
  const pages: [string, string][] = [
    ['dashboard', `${runtime.url}/?token=${runtime.adminToken}#/`],
    ['directive 276', `${runtime.url}/?token=${runtime.adminToken}#/directives/276-ubnd-ncpc`],
    ['unit head (Sở Nội vụ)', `${runtime.url}/?token=${head}#/`],
  ];
  const report: Record<string, Scores> = {};
  for (const [name, url] of pages) {
    const runs: Scores[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(url, chrome.port));
    report[name] = median(runs);
  }
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(
      `Lighthouse ${'12.2.3'} mobile, median of ${RUNS} run(s), local runtime with the demo province:`,
    );
    console.log(
      'page                    perf  a11y  best   FCP ms   LCP ms  TBT ms    CLS  script KiB (transfer)',
    );
    for (const [name, s] of Object.entries(report))
      console.log(
        `${name.padEnd(22)} ${String(s.performance).padStart(5)} ${String(s.accessibility).padStart(5)} ${String(s.bestPractices).padStart(5)} ${String(s.fcp).padStart(8)} ${String(s.lcp).padStart(8)} ${String(s.tbt).padStart(7)} ${s.cls.toFixed(3).padStart(6)} ${String(s.scriptKiB).padStart(8)}`,
      );
  }
} finally {
  chrome.kill();
  await runtime.stop();
  await rm(dataDir, { recursive: true, force: true });
}
