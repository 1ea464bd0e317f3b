/**
 * Runs `dondoc simulate` in this process (the same command function the CLI calls), then writes how
 * long it took and the peak memory of this node process and of its DynamoDB Local (Java) child to
 * the file named by `--out`. Started by bench/scale.ts as a fresh process, stdout ignored.
 *
 *   tsx bench/simulate-child.ts --out FILE -- --data FILE|demo --from DATE --to DATE
 */
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

const separator = process.argv.indexOf('--');
const out = process.argv[process.argv.indexOf('--out') + 1];
if (separator < 0 || !out) throw new Error('usage: simulate-child.ts --out FILE -- <simulate flags>');

/** Peak resident memory (VmHWM, kB) of every live descendant of this process, summed. */
function descendantsPeakKb(): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [pid] of parents) {
    let up = parents.get(pid);
    while (up !== undefined && up !== process.pid && up > 1) up = parents.get(up);
    if (up !== process.pid) continue;
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(hwm ?? 0);
    } catch {
      // ended
    }
  }
  return total;
}

let childPeakKb = 0;
const sampler = setInterval(() => {
  childPeakKb = Math.max(childPeakKb, descendantsPeakKb());
}, 500);

const { default: simulateCommand } = await import('../local/commands/simulate.ts');
const started = performance.now();
await simulateCommand(process.argv.slice(separator + 1));
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await writeFile(
  out,
  JSON.stringify({
    seconds,
    nodePeakMB: process.resourceUsage().maxRSS / 1024,
    dynamoDbLocalPeakMB: childPeakKb / 1024,
  }),
);
