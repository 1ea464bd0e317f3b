import '../runtime/quiet-env.ts';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../cli.ts';
import { readLiveLock } from '../runtime/data-folder.ts';
import { loadSecret, signToken } from '../runtime/tokens.ts';

async function readDocument(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function describe(status: number, body: unknown): string {
  const b = body as {
    message?: string;
    issues?: { path: string; rule: string }[];
    created?: Record<string, number>;
  };
  if (status === 200)
    return `imported: ${
      Object.entries(b.created ?? {})
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'nothing new'
    }`;
  const issues = (b.issues ?? [])
    .slice(0, 5)
    .map((i) => `${i.path} ${i.rule}`)
    .join('; ');
  return `import rejected (${status}): ${b.message ?? ''}${issues ? ` — ${issues}` : ''}`;
}

/**
 * `dondoc seed FILE [--data DIR] [--upsert]`: loads an import document. With the runtime running
 * on that folder it goes through its API (POST /import); otherwise DynamoDB Local is started on
 * the folder, the document imported through the same handler, the planner run, and all stopped.
 */
export default async function seed(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { data: { type: 'string', default: '.dondoc' }, upsert: { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliError('usage: dondoc seed FILE [--data DIR] [--upsert]');
  const document = await readDocument(file);
  const dataDir = resolve(values.data);
  const mode = values.upsert ? 'upsert' : 'create';
  const running = await readLiveLock(dataDir);
  if (running?.apiUrl) {
    const token = await signToken(await loadSecret(dataDir), { role: 'admin' });
    const response = await fetch(`${running.apiUrl}/import?mode=${mode}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(document),
    });
    const line = describe(response.status, await response.json().catch(() => ({})));
    if (response.status !== 200) throw new CliError(line);
    console.log(`${line} (through the running API on ${running.apiUrl})`);
    return;
  }
  const { seedStoppedStore } = await import('../runtime/seed-stopped.ts');
  const { status, body } = await seedStoppedStore(dataDir, document, mode);
  const line = describe(status, body);
  if (status !== 200) throw new CliError(line);
  console.log(`${line} (into the stopped store in ${values.data}; reminders go out when you run npm start)`);
}
