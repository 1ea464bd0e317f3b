import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stages } from '../../infra/config/stages.ts';
import { createDondocApp } from '../../infra/dondoc-app.ts';
import { builtConsole, cdkJsonContext } from './support.ts';

/**
 * Checks accepted with a reason (listed in docs/deploy.md): W3005, a DependsOn that a GetAtt already
 * implies, which aws-cdk-lib writes for every function on its execution role.
 */
const acceptedCfnLintChecks = ['W3005'];

const installed = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
const outdirs: string[] = [];

/** The templates of one stage as `cdk synth` writes them (function bundling skipped). */
function synthesize(stage: string): string[] {
  const outdir = mkdtempSync(join(tmpdir(), `dondoc-cfn-lint-${stage}-`));
  outdirs.push(outdir);
  const context = { ...cdkJsonContext, stage, 'aws:cdk:bundling-stacks': [], consoleDir: builtConsole() };
  createDondocApp({ outdir, context }).app.synth();
  return readdirSync(outdir)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => join(outdir, file));
}

describe.skipIf(!installed)('cfn-lint on the synthesized templates', () => {
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const stage of Object.keys(stages)) {
    it(`reports no error and no warning for stage ${stage}`, () => {
      // Prepare
      const templates = synthesize(stage);
      // Act
      const lint = spawnSync(
        'cfn-lint',
        ['--format', 'parseable', '--ignore-checks', ...acceptedCfnLintChecks, '--', ...templates],
        { encoding: 'utf8' },
      );
      // Assess
      expect(templates).toHaveLength(2);
      expect(lint.stdout.trim().split('\n').filter(Boolean)).toEqual([]);
      expect(lint.status).toBe(0);
    }, 300_000);
  }
});
