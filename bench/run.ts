/**
 * `npm run bench [-- --json] [--sms-price USD] [--only planner,cost,bundles,simulate,burst]`: measured
 * speed, cost and weight, side by side with the obvious alternative. Prints figures; asserts nothing
 * about time (a check that must hold, like zero duplicate sends or identical plans, fails the run).
 */
import './quiet.ts';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { SMS_PRICE_USD_PER_PART } from '../shared/domain/sms-price.ts';
import { type BundleReport, benchBundles } from './bundles.ts';
import { type BurstFigures, benchBurst } from './burst.ts';
import { benchCostAndSms, type CostFigures, DEMO_YEAR, type Period, type SmsFigures } from './cost.ts';
import { benchPlanner, type PlannerFigures } from './planner.ts';
import { printReport } from './report.ts';
import { benchScale, type ScaleFigures } from './scale.ts';

const SECTIONS = ['planner', 'cost', 'bundles', 'simulate', 'burst'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  strict: true,
  options: {
    json: { type: 'boolean', default: false },
    'sms-price': { type: 'string', default: String(SMS_PRICE_USD_PER_PART) },
    only: { type: 'string' },
    assignments: { type: 'string', default: '100000' },
    'baseline-seconds': { type: 'string', default: '15' },
    'init-runs': { type: 'string', default: '7' },
    'tenfold-to': { type: 'string', default: DEMO_YEAR.to },
  },
});

function positive(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number, got ${text}`);
  return n;
}

const only = new Set((values.only?.split(',') ?? SECTIONS) as Section[]);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s}`);
const price = positive('sms-price', values['sms-price']);
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

export interface BenchReport {
  machine: {
    node: string;
    cpus: number;
    cpuModel: string;
    date: string;
    /** Bundles' esbuild target, and a fresh node importing an empty module (the floor of initMs). */
    bundleTarget?: string;
    emptyImportMs?: number;
    emptyImportCpuMs?: number;
  };
  planner?: PlannerFigures;
  costPerReminder?: CostFigures;
  sms?: SmsFigures;
  bundles?: BundleReport['bundles'];
  simulate?: ScaleFigures;
  burst?: BurstFigures;
}

const report: BenchReport = {
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    date: new Date().toISOString(),
  },
};

if (only.has('planner')) {
  log('planner: 100,000 plans, then the pre-issue-15 reference and the date-holidays baseline (time-boxed)');
  report.planner = benchPlanner({
    assignments: positive('assignments', values.assignments),
    baselineSeconds: positive('baseline-seconds', values['baseline-seconds']),
  });
}
if (only.has('cost')) {
  log(`cost and SMS: simulating the demo year ${DEMO_YEAR.from} .. ${DEMO_YEAR.to} on the local runtime`);
  const { cost, sms } = await benchCostAndSms(price, DEMO_YEAR);
  report.costPerReminder = cost;
  report.sms = sms;
}
if (only.has('bundles')) {
  log('bundles: esbuild as AppFunction does, then cold imports in fresh node processes');
  const { bundles, target, emptyInitMs, emptyInitCpuMs } = await benchBundles(
    positive('init-runs', values['init-runs']),
  );
  report.bundles = bundles;
  report.machine.bundleTarget = target;
  report.machine.emptyImportMs = emptyInitMs;
  report.machine.emptyImportCpuMs = emptyInitCpuMs;
}
if (only.has('simulate')) {
  const tenfold: Period = { from: DEMO_YEAR.from, to: values['tenfold-to'] };
  log(
    `simulate: demo year, then a 10x province ${tenfold.from} .. ${tenfold.to}, each in a fresh process; then the demo year's DynamoDB requests replayed alone`,
  );
  report.simulate = await benchScale(tenfold);
}

if (only.has('burst')) {
  log('burst: 500 units, 10,000 reminders in the same 08:00 window, SMS paced at 20 parts/s (virtual time)');
  report.burst = await benchBurst({ units: 500, assignmentsPerUnit: 10, partsPerSecond: 20 });
}

if (values.json) console.log(JSON.stringify(report, null, 2));
else printReport(report, price);

const broken = [
  report.planner && report.planner.mismatches > 0 && 'the planners planned differently',
  report.costPerReminder && report.costPerReminder.duplicates > 0 && 'duplicate sends',
  report.burst && report.burst.duplicates + report.burst.failed > 0 && 'burst: failed or duplicate sends',
].filter(Boolean);
if (broken.length > 0) {
  log(`FAILED: ${broken.join('; ')}`);
  process.exitCode = 1;
}
