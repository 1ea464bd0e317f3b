import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS, buildFunction, FUNCTIONS } from '../../bench/bundles.ts';
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

  it('bundles the AWS SDK instead of relying on the runtime copy', () => {
    const { code } = bundles['dondoc-dev-dispatcher'] ?? { code: '' };
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
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

  it('bundles without esbuild warnings', { timeout: 120_000 }, async () => {
    for (const fn of FUNCTIONS) {
      const { warnings } = await buildFunction(fn, path.join(outdir, 'warnings'));
      expect(
        warnings.map((w) => w.text),
        fn.name,
      ).toEqual([]);
    }
  });

  it('writes a source map next to each bundle', () => {
    for (const { dir } of Object.values(bundles))
      expect(existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
  });
});
