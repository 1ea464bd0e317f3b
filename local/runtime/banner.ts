import { formatLocal } from '#domain/local-time';
import { adminClaims } from './engine.ts';
import type { Runtime } from './runtime.ts';

const STATUS_NAMES: Record<string, string> = {
  'on-track': 'on track (trong hạn)',
  'due-soon': 'due soon (sắp đến hạn)',
  'behind-pace': 'behind pace (chậm tiến độ)',
  overdue: 'overdue (quá hạn)',
  'done-on-time': 'done on time',
  'done-late': 'done late',
};

/** Counts the assignments by status through the API (what GET /assignments shows). */
async function statusCounts(
  runtime: Runtime,
): Promise<{ counts: Map<string, number>; sample: Map<string, string>; nextChecks: string[] }> {
  const counts = new Map<string, number>();
  const sample = new Map<string, string>();
  const nextChecks: string[] = [];
  let cursor: string | undefined;
  do {
    const query = `/assignments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await runtime.engine.api({ method: 'GET', path: query, claims: adminClaims() });
    const body = page.body as {
      items?: { status: string; unitId: string; nextCheckAt?: string }[];
      cursor?: string;
    };
    for (const item of body.items ?? []) {
      counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
      if (item.nextCheckAt) nextChecks.push(item.nextCheckAt);
      if (!sample.has(item.status)) sample.set(item.status, item.unitId);
    }
    cursor = body.cursor;
  } while (cursor);
  return { counts, sample, nextChecks };
}

/** What `npm start` prints once everything runs. */
export async function banner(runtime: Runtime, dataDir: string): Promise<string> {
  const lines: string[] = [];
  const { counts, nextChecks } = await statusCounts(runtime);
  const { demo, firstStart } = runtime.started;
  lines.push('', `dondoc is running — API on ${runtime.url}  (data: ${dataDir}, outbox: ${dataDir}/outbox/)`);
  if (demo) {
    lines.push(
      `Seeded the demo: directive 276/UBND-NCPC (13/01/2023), ${demo.units} units of Bắc Kạn, ${demo.assignments} assignments,`,
      `  its 2023 deadlines shifted to fall around today, and ${demo.eventsApplied} progress reports/acknowledgements/completions replayed.`,
    );
  } else if (!firstStart)
    lines.push('Found the data as it was left (the demo is only seeded on the first start).');
  if (counts.size) {
    lines.push('Assignments now:');
    for (const status of Object.keys(STATUS_NAMES)) {
      if (counts.get(status))
        lines.push(`  ${String(counts.get(status)).padStart(4)}  ${STATUS_NAMES[status]}`);
    }
  }
  const now = runtime.clock.now().getTime();
  // Every open assignment's next check, whether a window tick or its own one-time schedule sends it.
  const upcoming = nextChecks.filter((at) => Date.parse(at) > now + 60_000).sort();
  // Due within the minute: above all a reminder planned earlier today, caught up (docs/how-it-works.md).
  const dueNow = nextChecks.length - upcoming.length;
  if (upcoming.length || dueNow) {
    const byTime = new Map<string, number>();
    for (const at of upcoming) byTime.set(at, (byTime.get(at) ?? 0) + 1);
    lines.push(
      'Next checks scheduled (local time; reminders go out in the send window, never in quiet hours):',
    );
    if (dueNow) lines.push(`  ${'now'.padEnd(16)}  ${dueNow} assignment(s) (due: sent within a minute)`);
    for (const [at, n] of [...byTime].slice(0, dueNow ? 4 : 5))
      lines.push(`  ${formatLocal(new Date(at))}  ${n} assignment(s)`);
  }
  lines.push(
    '',
    'Admin token (valid 30 days):',
    `  export TOKEN=${runtime.adminToken}`,
    '',
    'Web console (Vietnamese; English switch at the top):',
    `  ${runtime.url}/?token=${runtime.adminToken}`,
    '',
    'Try:',
    `  curl ${runtime.url}/health`,
    `  curl -H "Authorization: Bearer $TOKEN" ${runtime.url}/units`,
    `  curl -H "Authorization: Bearer $TOKEN" "${runtime.url}/assignments?status=overdue"`,
    `  curl -H "Authorization: Bearer $TOKEN" "${runtime.url}/assignments?unit=so-noi-vu"`,
    `  curl -H "Authorization: Bearer $TOKEN" "${runtime.url}/reports/compliance?from=2020-01-01&to=2030-12-31"`,
    `  HEAD=$(npx dondoc token --role unit-head --unit so-noi-vu --data ${dataDir})`,
    `  curl -X POST -H "Authorization: Bearer $HEAD" -H 'content-type: application/json' \\`,
    `       -d '{"percent":60,"note":"Đã trình dự thảo"}' ${runtime.url}/assignments/t01-trien-khai.so-noi-vu/progress`,
    '  npx dondoc simulate --data demo --from 2023-01-13 --to 2023-12-31',
    '',
    'Reminders appear below as they are sent (and as JSON files in the outbox). Ctrl-C stops everything.',
    '',
  );
  return lines.join('\n');
}
