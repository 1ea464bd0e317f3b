import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS, buildFunction, FUNCTIONS } from '../../bench/bundles.ts';
import { NEVER_LOADED_MODULES } from '../../infra/constructs/bundling.ts';
import { createDondocApp } from '../../infra/dondoc-app.ts';
import { builtConsole } from './support.ts';

/**
 * The one infra test that runs esbuild for real (as `npm run synth` does): the four entry points
 * bundle with the package.json subpath imports resolved, into ESM with the createRequire banner.
 */
describe('function bundles', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'dondoc-cdk-'));
  let bundles: Record<string, { code: string; dir: string }>;

  beforeAll(() => {
    const { app, stateless } = createDondocApp({
      outdir,
      context: { stage: 'dev', 'aws:cdk:enable-asset-metadata': true, consoleDir: builtConsole() },
    });
    app.synth();
    const functions = Template.fromStack(stateless).findResources('AWS::Lambda::Function');
    bundles = {};
    for (const fn of Object.values(functions)) {
      const name = fn.Properties.FunctionName as string | undefined;
      if (!name?.startsWith('dondoc-dev-')) continue;
      const dir = path.join(outdir, fn.Metadata['aws:asset:path'] as string);
      bundles[name] = { dir, code: readFileSync(path.join(dir, 'index.mjs'), 'utf8') };
    }
  }, 180_000);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('bundles each of the five entry points', () => {
    expect(Object.keys(bundles).sort()).toEqual([
      'dondoc-dev-api',
      'dondoc-dev-dispatcher',
      'dondoc-dev-planner',
      'dondoc-dev-receipts',
      'dondoc-dev-sweeper',
    ]);
  });

  it('emits ESM that starts with the createRequire banner and exports the handler', () => {
    for (const { code } of Object.values(bundles)) {
      expect(code.startsWith("import { createRequire as __dondocCreateRequire } from 'node:module';")).toBe(
        true,
      );
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
    }
  });

  it('resolves every subpath import into the bundle', () => {
    for (const { code } of Object.values(bundles)) {
      expect(code).not.toMatch(/from\s*["']#|import\(["']#|require\(["']#/);
    }
  });

  it('bundles the AWS SDK, leaving out only the modules no function loads', () => {
    const allowed = new Set([
      ...NEVER_LOADED_MODULES,
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
    ]);
    for (const [name, { code }] of Object.entries(bundles)) {
      const imported = [
        ...code.matchAll(
          /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']((?:node:)?@?[\w.-]+(?:\/[\w.-]+)*)["']/g,
        ),
      ];
      expect(imported.length, name).toBeGreaterThan(0);
      expect(
        imported.map((m) => m[1]).filter((m) => !allowed.has(m as string)),
        name,
      ).toEqual([]);
    }
  });

  it('signs and sends a DynamoDB request without any module left out of the bundle', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dondoc-probe-'));
    const { outfile } = await buildFunction({ name: 'probe', entry: 'test/fixtures/bundle-probe.ts' }, dir);
    const requests: { target?: string; authorization?: string }[] = [];
    const server = createServer((req, res) => {
      requests.push({
        target: req.headers['x-amz-target'] as string,
        authorization: req.headers.authorization,
      });
      req.resume().on('end', () => {
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        res.end(JSON.stringify({ Item: { PK: { S: 'UNIT#so-noi-vu' }, name: { S: 'Sở Nội vụ' } } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      // Lambda's environment: credentials and region in variables, no AWS profile, no node_modules.
      const { stdout } = await promisify(execFile)(process.execPath, [outfile], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          AWS_REGION: 'ap-southeast-1',
          AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'example-secret',
          AWS_SESSION_TOKEN: 'example-token',
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
        },
      });
      expect(JSON.parse(stdout)).toEqual({ PK: 'UNIT#so-noi-vu', name: 'Sở Nội vụ' });
      expect(requests).toEqual([
        {
          target: 'DynamoDB_20120810.GetItem',
          authorization: expect.stringContaining('Credential=ASIAEXAMPLEEXAMPLE/'),
        },
      ]);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps each bundle within its byte budget', () => {
    for (const [name, budget] of Object.entries(BUNDLE_BUDGETS)) {
      const { code } = bundles[`dondoc-dev-${name}`] ?? { code: '' };
      const bytes = Buffer.byteLength(code);
      expect(bytes, `${name}: ${bytes} bytes, budget ${budget} (bench/bundles.ts)`).toBeGreaterThan(0);
      expect(bytes, `${name}: ${bytes} bytes, budget ${budget} (bench/bundles.ts)`).toBeLessThanOrEqual(
        budget,
      );
    }
  });

  it('bundles without esbuild warnings, to the bytes CDK builds (what the bench measures)', {
    timeout: 120_000,
  }, async () => {
    for (const fn of FUNCTIONS) {
      const { warnings, outfile } = await buildFunction(fn, path.join(outdir, 'bench'));
      expect(
        warnings.map((w) => w.text),
        fn.name,
      ).toEqual([]);
      const cdk = bundles[`dondoc-dev-${fn.name}`]?.code ?? '';
      const bench = readFileSync(outfile, 'utf8');
      if (bench !== cdk) {
        const at = [...bench].findIndex((c, i) => c !== cdk[i]);
        expect(
          `${fn.name} ${bench.length} ${cdk.length} ${bench.slice(at - 200, at + 200)}\n----\n${cdk.slice(at - 200, at + 200)}`,
        ).toBe('');
      }
    }
  });

  it('writes a source map next to each bundle', () => {
    for (const { dir } of Object.values(bundles))
      expect(existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
  });
});
