import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../cli.ts';
import { loadSecret, type Role, signToken } from '../runtime/tokens.ts';

/**
 * `dondoc token --role admin|unit-head [--unit ID] [--data DIR] [--url BASE]`: a bearer token for
 * the local API on stdout, bare, so `HEAD=$(npx dondoc token …)` and `curl -H "Authorization:
 * Bearer $HEAD"` work; and on stderr the console link that signs in with it (`BASE/?token=…`),
 * for the person at the terminal.
 */
export default async function token(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      data: { type: 'string', default: '.dondoc' },
      name: { type: 'string' },
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
    },
  });
  const role = values.role;
  if (role !== 'admin' && role !== 'unit-head') throw new CliError('--role must be admin or unit-head');
  if (role === 'unit-head' && !values.unit)
    throw new CliError('a unit-head token needs --unit ID (e.g. --unit so-noi-vu)');
  if (role === 'admin' && values.unit) throw new CliError('--unit is for unit-head tokens only');
  const secret = await loadSecret(resolve(values.data));
  const signed = await signToken(secret, {
    role: role as Role,
    ...(values.unit ? { unitId: values.unit } : {}),
    ...(values.name ? { name: values.name } : {}),
  });
  console.log(signed);
  console.error(`Web console, signed in with this token: ${values.url.replace(/\/$/, '')}/?token=${signed}`);
}
