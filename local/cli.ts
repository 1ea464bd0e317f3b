import { pathToFileURL } from 'node:url';

/**
 * The `dondoc` command line. Each command lives in `local/commands/<name>.ts` and exports
 * `default async function (argv: string[]): Promise<void>`; a `CliError` becomes one line on
 * stderr and exit code 1 (no stack trace).
 */
export class CliError extends Error {}

const commands: Record<string, string> = {
  start: 'run the engine locally (DynamoDB Local, API, planner, scheduler, outbox) with the demo',
  token: 'print a local bearer token: --role admin|unit-head [--unit ID] [--data DIR]',
  seed: 'load an import document into the local store: seed FILE [--data DIR]',
  simulate: 'run the engine on a virtual clock: --data FILE|demo --from DATE --to DATE [--json]',
  calendar: 'working-day calendar: calendar check DATE | calendar add DATE N',
  preview: 'planned reminders for a deadline: --due DATE [--policy FILE] [--json]',
  sms: 'encoding and segments of an SMS text: sms "TEXT" [--strip] [--json]',
  'migrate-email-topics':
    'AWS, once after upgrading: move email addresses to their own topics --stage S --topic-key ARN',
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'dondoc — đôn đốc, nhắc việc: deadline and reminder engine',
    '',
    'Usage: npx dondoc <command> [options]',
    '',
    ...Object.entries(commands).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  if (!(name in commands)) {
    console.error(`dondoc: unknown command '${name}'. Run 'npx dondoc --help' for the list.`);
    return 1;
  }
  try {
    const module = (await import(
      pathToFileURL(new URL(`./commands/${name}.ts`, import.meta.url).pathname).href
    )) as {
      default: (args: string[]) => Promise<void>;
    };
    await module.default(rest);
    return 0;
  } catch (error) {
    if (error instanceof CliError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`dondoc ${name}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}
