import { parseArgs } from 'node:util';
import { smsInfo, toSmsText } from '#domain/sms';
import { CliError } from '../cli.ts';

const USAGE = 'usage: dondoc sms "TEXT" [--strip] [--json]';

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { strip: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message.split('. ')[0] ?? 'invalid arguments';
    throw new CliError(`${message} (${USAGE})`);
  }
}

/**
 * `dondoc sms "Nhắc việc: ..." [--strip] [--json]`: how an SMS text would be sent — encoding,
 * characters, units, segments — and the text itself (diacritics stripped with `--strip`).
 * Several words without quotes are joined with single spaces.
 */
export default async function sms(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv);
  const input = positionals.join(' ');
  if (input.trim() === '') throw new CliError(`missing the text to measure (${USAGE})`);
  const text = toSmsText(input, values.strip ? 'strip' : 'keep');
  const info = smsInfo(text);
  if (values.json) {
    console.log(JSON.stringify({ ...info, text }, null, 2));
    return;
  }
  const [single, part] = info.encoding === 'GSM-7' ? [160, 153] : [70, 67];
  const rows: Array<[string, string]> = [
    ['encoding', info.encoding],
    ['characters', String(info.characters)],
    ['units', `${info.units} (${info.encoding === 'GSM-7' ? 'septets' : 'UTF-16 code units'})`],
    ['segments', `${info.segments} (${single} in a single SMS, ${part} per part)`],
    ['text', text],
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(10)}  ${value}`);
  if (!values.strip && info.encoding === 'UCS-2') {
    const stripped = smsInfo(toSmsText(input, 'strip'));
    if (stripped.encoding === 'GSM-7') {
      console.log(
        `\ntip: --strip sends it as GSM-7 in ${stripped.segments} segment(s) instead of ${info.segments}`,
      );
    }
  }
}
