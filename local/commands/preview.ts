import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { WorkingCalendar } from '#domain/calendar';
import { resolveDeadline } from '#domain/deadline';
import { dayNumberOfInstant, formatLocal, isLocalDate, WEEKDAY_NAMES, weekdayOf } from '#domain/local-time';
import { type PlannedReminder, planReminders } from '#domain/planner';
import { defaultPolicy, parsePolicy, type ReminderPolicy } from '#domain/policy';
import { instantSchema } from '#schemas/common';
import { ValidationError } from '#shared/errors';
import { CliError } from '../cli.ts';

/**
 * `dondoc preview --due DATE|INSTANT [--policy FILE] [--urgent] [--json]`: the resolved deadline and
 * every reminder the planner would send, as if the assignment never closes.
 */
export default async function preview(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      due: { type: 'string' },
      policy: { type: 'string' },
      urgent: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);
  if (!values.due)
    throw new CliError('--due is required: a date YYYY-MM-DD or an instant like 2026-04-24T17:00:00+07:00');
  const calendar = WorkingCalendar.create();
  const dueAt = resolveDeadline(deadline(values.due), calendar);
  const policy = values.policy ? await loadPolicy(values.policy) : defaultPolicy;
  const reminders = planReminders({ dueAt, policy, calendar, urgent: values.urgent });
  console.log(values.json ? toJson(dueAt, reminders) : toTable(dueAt, policy, reminders));
}

function deadline(text: string): string {
  if (isLocalDate(text) || instantSchema.safeParse(text).success) return text;
  throw new CliError(`--due '${text}' is neither a real date YYYY-MM-DD nor an instant with an offset`);
}

async function loadPolicy(file: string): Promise<ReminderPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read policy file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`policy file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parsePolicy(json);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((i) => `${i.path}: ${i.rule}`).join('; ');
    throw new CliError(`invalid policy file ${file}: ${issues}`);
  }
}

function toJson(dueAt: Date, reminders: PlannedReminder[]): string {
  const rows = reminders.map((r) => ({
    at: r.at.toISOString(),
    step: r.step,
    send: r.send,
    channels: r.channels,
    to: r.to,
  }));
  return JSON.stringify({ dueAt: dueAt.toISOString(), reminders: rows }, null, 2);
}

function local(at: Date): string {
  return `${WEEKDAY_NAMES[weekdayOf(dayNumberOfInstant(at))]} ${formatLocal(at)}`;
}

function toTable(dueAt: Date, policy: ReminderPolicy, reminders: PlannedReminder[]): string {
  const header = ['#', 'Thời điểm (Asia/Ho_Chi_Minh)', 'Bước', 'Lần', 'Độ lệch', 'Kênh', 'Gửi tới'];
  const rows = reminders.map((r, i) => [
    String(i + 1),
    local(r.at),
    String(r.step),
    String(r.send),
    policy.steps[r.step]?.offset ?? '',
    r.channels.join(', '),
    r.to.join(', '),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `Hạn (due): ${local(dueAt)} = ${dueAt.toISOString()} — chính sách ${policy.name}`,
    `${reminders.length} lần nhắc (reminders):`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
