import '../runtime/quiet-env.ts';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../cli.ts';
import { banner } from '../runtime/banner.ts';
import { startRuntime } from '../runtime/runtime.ts';

/** `dondoc start [--port 3000] [--data .dondoc] [--no-demo]`: the engine on this machine until Ctrl-C. */
export default async function start(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowNegative: true,
    options: {
      port: { type: 'string', default: '3000' },
      data: { type: 'string', default: '.dondoc' },
      demo: { type: 'boolean', default: true },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a port number, not '${values.port}'`);
  const dataDir = resolve(values.data);
  console.log(`Starting dondoc (DynamoDB Local on ${dataDir}/db)…`);
  const runtime = await startRuntime({ port, dataDir, demo: values.demo });
  console.log(await banner(runtime, values.data));
  await new Promise<void>((done) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping the API, the scheduler, the stream poller and DynamoDB Local…`);
      runtime.stop().then(() => {
        console.log('Stopped. The data stays in', values.data);
        done();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
