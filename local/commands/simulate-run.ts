import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatLocal } from '#domain/local-time';
import { localDateSchema } from '#schemas/common';
import { type ImportDocumentInput, importDocumentSchema } from '#schemas/import';
import { toFieldIssues } from '#schemas/validation';
import { type FieldIssue, ValidationError } from '#shared/errors';
import { checkImport } from '#usecases/admin/import-checks';
import { CliError } from '../cli.ts';
import { DEMO_LETTERHEAD, readDemo } from '../runtime/demo.ts';
import { Progress } from '../runtime/progress.ts';
import { type SimulationResult, simulate } from '../runtime/simulation.ts';

async function load(data: string): Promise<ImportDocumentInput> {
  if (data === 'demo') return readDemo();
  let json: unknown;
  try {
    json = JSON.parse(await readFile(data, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${data}: ${(error as Error).message}`);
  }
  const parsed = importDocumentSchema.safeParse(json);
  if (!parsed.success) throw invalid(data, toFieldIssues(parsed.error));
  try {
    // The import's own reference checks (units, policies, directives of task events), on the
    // fresh store the simulation starts from: a bad event is named before anything runs.
    await checkImport({ getUnit: async () => undefined, getPolicy: async () => undefined }, parsed.data);
  } catch (error) {
    if (error instanceof ValidationError) throw invalid(data, error.issues);
    throw error;
  }
  return json as ImportDocumentInput;
}

/** `events[3].task.lead[0]: unknown unit "so-abc"` — the first five issues, each with its path and rule. */
function invalid(data: string, issues: FieldIssue[]): CliError {
  const listed = issues.slice(0, 5).map((i) => `${i.path || '(document)'}: ${i.rule}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return new CliError(`${data} is not a valid import document: ${listed.join('; ')}${more}`);
}

function date(flag: string, value: string | undefined): string {
  if (!value || !localDateSchema.safeParse(value).success)
    throw new CliError(`--${flag} must be a date YYYY-MM-DD`);
  return value;
}

function percent(rate: number | null): string {
  return rate === null ? '   —' : `${Math.round(rate * 100)}%`.padStart(4);
}

function print(result: SimulationResult): void {
  for (const m of result.messages) {
    const text = m.text.replace(/\n+/g, ' / ');
    const size = m.channel === 'sms' ? ` (${m.segments} seg)` : '';
    console.log(
      `${formatLocal(new Date(m.at))}  ${m.channel.padEnd(5)} ${m.unitId}/${m.contactId ?? '-'}${size}: ${text}`,
    );
  }
  console.log('');
  const width = Math.max(4, ...result.units.map((u) => u.unitId.length));
  console.log(`${'unit'.padEnd(width)}  assigned  on time  late  overdue  on-time  messages  SMS segments`);
  for (const u of result.units) {
    console.log(
      `${u.unitId.padEnd(width)}  ${String(u.assigned).padStart(8)}  ${String(u.doneOnTime).padStart(7)}  ${String(u.doneLate).padStart(4)}  ${String(u.overdue).padStart(7)}  ${percent(u.onTimeRate).padStart(7)}  ${String(u.messages).padStart(8)}  ${String(u.smsSegments).padStart(12)}`,
    );
  }
  const segments = result.units.reduce((s, u) => s + u.smsSegments, 0);
  console.log(`\n${result.messages.length} messages, ${segments} SMS segments.`);
}

/** `--stats`: DynamoDB requests per operation, on stderr (stdout stays the result). */
function printRequests(requests: Record<string, number>, messages: number): void {
  const { total = 0, ...byOperation } = requests;
  console.error('DynamoDB requests:');
  for (const [operation, n] of Object.entries(byOperation))
    console.error(`  ${operation.padEnd(22)} ${String(n).padStart(8)}`);
  const perMessage = messages > 0 ? ` (${(total / messages).toFixed(1)} per message)` : '';
  console.error(`  ${'total'.padEnd(22)} ${String(total).padStart(8)}${perMessage}`);
}

/** `--letter FILE`: the DOCX of the letter drafted at the end, and a line on stderr saying what it lists. */
async function saveLetter(result: SimulationResult, file: string): Promise<void> {
  if (!result.letter) {
    console.error('letter: nothing ended overdue, no letter drafted');
    return;
  }
  await writeFile(file, result.letter.docx);
  const { items, units, id } = result.letter;
  console.error(`letter ${id}: ${items} overdue tasks of ${units} units -> ${file}`);
}

/** `--link-base URL`: the console address the messages' links use (its length counts in each SMS). */
function linkBase(value: string): string {
  if (!z.url({ protocol: /^https?$/ }).safeParse(value).success)
    throw new CliError('--link-base must be the console address, e.g. https://nhacviec.backan.gov.vn');
  return value;
}

/** The flags of `dondoc simulate` (parsed by simulate.ts). */
export interface SimulateFlags {
  data: string;
  from?: string;
  to?: string;
  json: boolean;
  stats: boolean;
  letter?: string;
  'link-base'?: string;
}

/**
 * The body of `dondoc simulate`, loaded by simulate.ts once DynamoDB Local is booting: checks the
 * flags, reads and checks the document, runs it on that DynamoDB Local and prints the result.
 */
export async function runSimulateCommand(
  values: SimulateFlags,
  dynamoDb: Promise<{ endpoint: string }>,
  started: number,
): Promise<void> {
  const from = date('from', values.from);
  const to = date('to', values.to);
  if (from > to) throw new CliError('--from must not be after --to');
  const document = await load(values.data);
  const progress = new Progress('simulating');
  const result = await simulate({
    document,
    from,
    to,
    endpoint: (await dynamoDb).endpoint,
    onProgress: (fraction, now) => progress.update(fraction, formatLocal(now).slice(0, 10)),
    countRequests: values.stats,
    ...(values['link-base'] && { linkBase: linkBase(values['link-base']) }),
    ...(values.letter && { letter: true, ...(values.data === 'demo' && { letterhead: DEMO_LETTERHEAD }) }),
  });
  progress.done(`in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const warning of result.warnings) console.error(`warning: ${warning}`);
  if (result.requests) printRequests(result.requests, result.messages.length);
  if (values.letter) await saveLetter(result, values.letter);
  if (values.json) {
    const { warnings: _w, letter: _l, ...output } = result;
    console.log(JSON.stringify(output, null, 2));
  } else print(result);
}
