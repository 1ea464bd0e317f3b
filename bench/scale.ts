import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readDemo } from '#local/runtime/demo';
import { DEMO_YEAR, type Period } from './cost.ts';
import { type DynamoDbFloor, dynamoDbFloor } from './floor.ts';
import { multiplyProvince } from './tenfold.ts';

const run = promisify(execFile);
const benchDir = path.dirname(fileURLToPath(import.meta.url));

export interface SimulateRun {
  units: number;
  contacts: number;
  period: Period;
  /** Wall time of the whole command in a fresh process: node + tsx start, DynamoDB Local start, the run. */
  wallSeconds: number;
  /** The simulate command itself (DynamoDB Local start included), as its own "done in" line counts. */
  seconds: number;
  nodePeakMB: number;
  dynamoDbLocalPeakMB: number;
}

export interface ScaleFigures {
  demoYearSeconds: number;
  /** Measured when the 10x run covers the demo year; else scaled linearly from its period (`tenfoldYearEstimated`). */
  tenfoldYearSeconds: number;
  tenfoldYearEstimated: boolean;
  /** The larger of the two runs: node's peak RSS plus DynamoDB Local's (a separate Java process). */
  peakMemoryMB: number;
  demo: SimulateRun;
  tenfold: SimulateRun;
  /** The demo year's DynamoDB requests replayed alone: no engine change can make the year faster. */
  demoYearDynamoDbFloor: DynamoDbFloor;
}

/** `dondoc simulate --data FILE --from --to` in a fresh process (bench/simulate-child.ts), timed and measured. */
async function simulateOnce(
  file: string,
  period: Period,
  counts: { units: number; contacts: number },
): Promise<SimulateRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dondoc-bench-sim-'));
  try {
    const out = path.join(dir, 'result.json');
    const started = performance.now();
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(benchDir, 'simulate-child.ts'),
        '--out',
        out,
        '--',
        '--data',
        file,
        '--from',
        period.from,
        '--to',
        period.to,
      ],
      {
        cwd: path.resolve(benchDir, '..'),
        maxBuffer: 1024 * 1024 * 1024,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const child = JSON.parse(await readFile(out, 'utf8')) as Omit<SimulateRun, 'wallSeconds' | 'period'>;
    return { ...counts, period, wallSeconds, ...child };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A year of the demo province, then of a province ten times its size, each in a fresh process. */
export async function benchScale(tenfoldPeriod: Period = DEMO_YEAR): Promise<ScaleFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dondoc-bench-docs-'));
  try {
    const demoDoc = await readDemo();
    const tenfoldDoc = multiplyProvince(demoDoc, 10);
    const files = { demo: path.join(dir, 'demo.json'), tenfold: path.join(dir, 'tenfold.json') };
    await writeFile(files.demo, JSON.stringify(demoDoc));
    await writeFile(files.tenfold, JSON.stringify(tenfoldDoc));
    const size = (d: typeof demoDoc) => ({ units: d.units?.length ?? 0, contacts: d.contacts?.length ?? 0 });
    const demo = await simulateOnce(files.demo, DEMO_YEAR, size(demoDoc));
    const tenfold = await simulateOnce(files.tenfold, tenfoldPeriod, size(tenfoldDoc));
    const demoYearDynamoDbFloor = await dynamoDbFloor(demoDoc, DEMO_YEAR);
    const peak = (r: SimulateRun) => r.nodePeakMB + r.dynamoDbLocalPeakMB;
    const days = (p: Period) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 + 1;
    const estimated = tenfoldPeriod.from !== DEMO_YEAR.from || tenfoldPeriod.to !== DEMO_YEAR.to;
    return {
      demoYearSeconds: demo.wallSeconds,
      tenfoldYearSeconds: tenfold.wallSeconds * (days(DEMO_YEAR) / days(tenfoldPeriod)),
      tenfoldYearEstimated: estimated,
      peakMemoryMB: Math.max(peak(demo), peak(tenfold)),
      demo,
      tenfold,
      demoYearDynamoDbFloor,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
