import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../shared/api/openapi.ts';
import { apiRoutes } from '../../../shared/api/routes.ts';

const run = promisify(execFile);
const ERROR_STATUSES = ['400', '401', '403', '404', '405', '409', '410', '413', '415', '429', '500'];
type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: unknown }> }>>;
  components: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };
};

/** The response object of an operation's status, following a shared response's `$ref`. */
function resolved(doc: Doc, response: { $ref?: string; content?: unknown }) {
  const name = response.$ref?.replace('#/components/responses/', '');
  return name ? doc.components.responses[name] : response;
}

describe('the OpenAPI document', () => {
  let doc: Doc;
  beforeAll(() => {
    doc = openApiDocument(apiRoutes) as unknown as Doc;
  });

  it('passes Redocly’s recommended lint with no error and no warning', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dondoc-openapi-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));

    const result = await run('npx', ['redocly', 'lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((error: { stdout: string; stderr: string }) => error);

    const report = JSON.parse(result.stdout) as { totals: { errors: number; warnings: number } };
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('documents every error status the API answers, each with the Error body', () => {
    const documented = new Set<string>();
    for (const operations of Object.values(doc.paths))
      for (const op of Object.values(operations))
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          documented.add(status);
          expect(resolved(doc, response)?.content).toEqual({
            'application/json': { schema: { $ref: '#/components/schemas/Error' } },
          });
        }

    expect([...documented].sort()).toEqual(ERROR_STATUSES);
  });

  it.each(['405', '429', '500'])('lists %s on every operation', (status) => {
    const missing = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => !op.responses[status])
        .map(([method]) => `${method} ${path}`),
    );

    expect(missing).toEqual([]);
  });
});
