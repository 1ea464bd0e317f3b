import type { BenchReport } from './run.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const dec = (n: number, digits = 2) => n.toFixed(digits);
const kb = (bytes: number) => `${int(bytes / 1024)} KiB`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r, line) =>
      [
        r
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
          .join('  '),
        line === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : '',
      ].join(''),
    )
    .join('\n');
}

/** The human-readable form of `npm run bench` (the same figures as `--json`). */
export function printReport(r: BenchReport, price: number): void {
  const out: string[] = [];
  const m = r.machine;
  out.push(`dondoc bench — ${m.date.slice(0, 10)}, node ${m.node}, ${m.cpus} × ${m.cpuModel}`);
  if (r.planner) {
    const p = r.planner;
    out.push(
      '',
      `1. Planner throughput (default policy, deadlines 2023-2027, ${dec(p.remindersPerPlan, 1)} reminders per plan)`,
      table([
        ['planner and calendar', 'plans', 'plans/s (CPU)'],
        [
          `today's (compiled policy, working-day index), best of ${p.rounds}`,
          int(p.assignments),
          int(p.plansPerSecond),
        ],
        [`  the same, keeping no plan, best of ${p.rounds}`, int(p.assignments), int(p.plansPerSecondUnkept)],
        [
          'reference: before issue 15 (bench/reference-*.ts)',
          int(p.assignments),
          int(p.referencePlansPerSecond),
        ],
        [
          'naive: date-holidays asked day by day',
          `${int(p.baselineSample)} (time-boxed)`,
          dec(p.baselinePlansPerSecond, 2),
        ],
      ]),
      `baseline: ${int(p.baselineQueriesPerPlan)} date-holidays questions per plan (weekend, holiday, nghỉ bù look-back)`,
      `${dec(p.plansPerSecond / p.referencePlansPerSecond, 1)}× the reference, ${int(p.ratio)}× the naive calendar; identical plans on the ${int(p.compared)} compared: ${p.mismatches === 0 ? 'yes' : `NO (${p.mismatches} differ)`}`,
    );
  }
  if (r.costPerReminder) {
    const c = r.costPerReminder;
    out.push(
      '',
      `2. Cost per reminder (local runtime, demo province ${c.period.from} .. ${c.period.to}: ${int(c.assignments)} assignments, ${int(c.remindersSent)} reminders sent)`,
      table([
        ['requests', 'total', 'per reminder', 'per assignment'],
        [
          'DynamoDB (all)',
          int(c.dynamodb.total),
          dec(c.dynamodb.perReminder, 1),
          dec(c.dynamodb.perAssignment, 1),
        ],
        [
          '  without the email refresh',
          int(c.dynamodb.withoutEmailRefresh.total),
          dec(c.dynamodb.withoutEmailRefresh.perReminder, 1),
          dec(c.dynamodb.withoutEmailRefresh.perAssignment, 1),
        ],
        [
          '  reads',
          int(c.dynamodb.reads),
          dec(c.dynamodb.reads / c.remindersSent, 1),
          dec(c.dynamodb.reads / c.assignments, 1),
        ],
        [
          '  writes',
          int(c.dynamodb.writes),
          dec(c.dynamodb.writes / c.remindersSent, 1),
          dec(c.dynamodb.writes / c.assignments, 1),
        ],
        [
          '  transactions',
          int(c.dynamodb.transactions),
          dec(c.dynamodb.transactions / c.remindersSent, 2),
          dec(c.dynamodb.transactions / c.assignments, 2),
        ],
        [
          'Scheduler API calls',
          int(c.scheduler.total),
          dec(c.scheduler.perReminder, 2),
          dec(c.scheduler.perAssignment, 1),
        ],
        ['SNS Publish', int(c.sns.total), dec(c.sns.perReminder, 2), dec(c.sns.perAssignment, 1)],
      ]),
      `DynamoDB by function: ${Object.entries(c.dynamodb.byFunction)
        .map(([fn, k]) => `${fn} ${int(k.reads)}r/${int(k.writes)}w/${int(k.transactions)}t`)
        .join(
          ', ',
        )}; SNS subscription calls ${int(c.sns.subscriptionCalls)}; failed publishes ${int(c.sns.failed)}`,
      `DynamoDB, how it scales: ${dec(c.dynamodb.split.fixedPerDay, 2)} fixed requests a day (${int(c.dynamodb.split.idleInvocations)} invocations that only read, over ${int(c.dynamodb.split.days)} days) + ${dec(c.dynamodb.split.sendPathPerReminder, 2)} per reminder sent`,
      `duplicate sends: ${c.duplicates}`,
    );
  }
  if (r.sms) {
    const s = r.sms;
    out.push(
      '',
      `3. SMS cost (${s.units} units with assignments, ${s.workingDays} working days)`,
      table([
        ['', 'segments', 'per unit per working day', `per month at $${price}/segment`],
        [
          'digests with link, diacritics stripped (dondoc)',
          int(s.segments),
          dec(s.segmentsPerUnitDay, 3),
          `$${dec(s.monthlyUsd)}`,
        ],
        [
          'one SMS per item per step, whole text with link, diacritics kept',
          int(s.naiveSegments),
          dec(s.naiveSegmentsPerUnitDay, 3),
          `$${dec(s.naiveMonthlyUsd)}`,
        ],
      ]),
      `ratio ${dec(s.ratio)}× fewer segments (${dec(s.ratioAtBudget)}× with the naive texts cut to 3 parts: ${int(s.naiveSegmentsAtBudget)})`,
    );
  }
  if (r.bundles) {
    out.push(
      '',
      `4. Lambda weight (esbuild as AppFunction: ESM, minified, target ${m.bundleTarget}; init = fresh node to end of import, median, wall and CPU time; empty module ${dec(m.emptyImportMs ?? 0, 0)} ms, ${dec(m.emptyImportCpuMs ?? 0, 0)} ms CPU)`,
      table([
        ['function', 'bundle', 'init ms', 'CPU ms', 'largest dependencies'],
        ...r.bundles.map((b) => [
          b.name,
          kb(b.bytes),
          dec(b.initMs, 0),
          dec(b.initCpuMs, 0),
          b.largest
            .slice(0, 4)
            .map((d) => `${d.module} ${kb(d.bytes)}`)
            .join(', '),
        ]),
      ]),
    );
  }
  if (r.simulate) {
    const s = r.simulate;
    const row = (label: string, x: typeof s.demo) => [
      label,
      `${int(x.units)} / ${int(x.contacts)}`,
      `${x.period.from} .. ${x.period.to}`,
      dec(x.wallSeconds, 1),
      int(x.nodePeakMB),
      int(x.dynamoDbLocalPeakMB),
    ];
    out.push(
      '',
      '5. Local scale (`dondoc simulate` in a fresh process; DynamoDB Local start included)',
      table([
        ['province', 'units / contacts', 'period', 'seconds', 'node MB', 'DynamoDB Local MB'],
        row('demo', s.demo),
        row('10× demo', s.tenfold),
      ]),
      `demo year ${dec(s.demoYearSeconds, 1)} s; 10× year ${dec(s.tenfoldYearSeconds, 0)} s${s.tenfoldYearEstimated ? ' (ESTIMATED: scaled linearly from the period above)' : ''}; peak memory ${int(s.peakMemoryMB)} MB (node + DynamoDB Local)`,
      `floor: the demo year's ${int(s.demoYearDynamoDbFloor.requests)} DynamoDB requests replayed alone on DynamoDB Local take ${dec(s.demoYearDynamoDbFloor.seconds, 1)} s (mean ms per request: ${Object.entries(
        s.demoYearDynamoDbFloor.byOperation,
      )
        .map(([operation, o]) => `${operation} ${dec(o.meanMs, 1)} × ${int(o.requests)}`)
        .join(', ')})`,
    );
  }
  if (r.burst) {
    const b = r.burst;
    out.push(
      '',
      `6. Burst (local runtime, virtual time): ${int(b.units)} units, one 08:00 window, SMS paced at ${b.partsPerSecond} parts/s`,
      table([
        ['reminders', 'messages', 'parts', 'drain s', 'parts ÷ rate s', 'throttled', 'failed', 'duplicates'],
        [
          int(b.reminders),
          int(b.messages),
          int(b.parts),
          dec(b.drainSeconds, 1),
          dec(b.floorSeconds, 1),
          int(b.throttled),
          int(b.failed),
          int(b.duplicates),
        ],
      ]),
      `drain ${dec((b.drainSeconds / b.floorSeconds - 1) * 100, 1)} % over parts ÷ rate; ${dec(b.wallSeconds, 0)} s of wall time`,
    );
  }
  console.log(out.join('\n'));
}
