import '../runtime/quiet-env.ts';
import { parseArgs } from 'node:util';
import { CliError } from '../cli.ts';
import { startScratchDynamoDbLocal } from '../dynamodb-local.ts';

/**
 * `dondoc simulate --data FILE|demo --from DATE --to DATE [--json] [--stats] [--letter FILE] [--link-base URL]`;
 * `--stats` counts the DynamoDB requests per operation (on stderr, and in the --json output under
 * `requests`); `--letter` drafts the formal reminder letter for what ended overdue (DOCX).
 *
 * This module imports nothing heavy: DynamoDB Local (a JVM, over a second of CPU to boot) starts
 * first and boots while node loads the engine's modules (simulate-run.ts, about as long), so the
 * two overlap instead of adding up.
 */
export default async function simulateCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
      stats: { type: 'boolean', default: false },
      letter: { type: 'string' },
      'link-base': { type: 'string' },
    },
  });
  const { data } = values;
  if (!data) throw new CliError('--data FILE|demo is required');
  const started = performance.now();
  const booting = startScratchDynamoDbLocal();
  booting.catch(() => undefined); // a failed start is reported where the run awaits it
  const stop = () =>
    booting.then(
      (dynamoDb) => dynamoDb.stop(),
      () => undefined,
    );
  // Ctrl-C mid-run: stop DynamoDB Local (which removes its scratch folder) before leaving.
  const interrupt = (signal: NodeJS.Signals) =>
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  try {
    const { runSimulateCommand } = await import('./simulate-run.ts');
    await runSimulateCommand({ ...values, data }, booting, started);
  } finally {
    process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
    await stop();
  }
}
