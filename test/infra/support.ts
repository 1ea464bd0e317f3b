import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { createDondocApp, type DondocApp } from '../../infra/dondoc-app.ts';

/** The context of cdk.json (the recommended feature flags): what `cdk synth` passes to the app. */
export const cdkJsonContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

/**
 * The app of one stage, with cdk.json's context as the CLI would pass it, and asset bundling skipped (CDK's own `aws:cdk:bundling-stacks` context, the
 * mechanism behind `cdk synth --exclusively`): the constructs are exactly those of a real synth, only
 * esbuild does not run. `bundling.test.ts` bundles for real.
 */
export function buildApp(stage: string): DondocApp {
  return createDondocApp({
    context: { ...cdkJsonContext, stage, 'aws:cdk:bundling-stacks': [], consoleDir: builtConsole() },
  });
}

/** A stand-in for web/dist, so these tests need no console build. */
export function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-web-dist-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dondoc</title>');
  return dir;
}

export interface Templates extends DondocApp {
  readonly stateful: DondocApp['stateful'];
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

export function synthTemplates(stage: string): Templates {
  const built = buildApp(stage);
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
}

/** Every statement of every identity policy (AWS::IAM::Policy and inline role policies) in a template. */
export function iamStatements(template: Template): { policy: string; statement: Statement }[] {
  const found: { policy: string; statement: Statement }[] = [];
  for (const [id, resource] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
    for (const statement of resource.Properties.PolicyDocument.Statement as Statement[]) {
      found.push({ policy: id, statement });
    }
  }
  for (const [id, resource] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const policy of (resource.Properties.Policies ?? []) as {
      PolicyDocument: { Statement: Statement[] };
    }[]) {
      for (const statement of policy.PolicyDocument.Statement) found.push({ policy: id, statement });
    }
  }
  return found;
}

export const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** Logical id of the single resource of a type whose properties match. */
export function logicalIdOf(template: Template, type: string, props: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  if (ids.length !== 1) throw new Error(`expected one ${type} matching, found ${ids.length}`);
  return ids[0] as string;
}

/**
 * A weak cross-stack reference (`Fn::GetStackOutput`) to an output of the stateful stack whose
 * name matches `pattern`, e.g. /SchedulerDlq.*Arn/: as a vitest matcher and as a Template matcher.
 */
export const fromStateful = (pattern: RegExp) => ({
  'Fn::GetStackOutput': expect.objectContaining({
    OutputName: expect.stringMatching(pattern),
    StackName: expect.stringMatching(/-Stateful$/),
  }),
});
export const fromStatefulLike = (pattern: string) =>
  Match.objectLike({
    'Fn::GetStackOutput': Match.objectLike({ OutputName: Match.stringLikeRegexp(pattern) }),
  });
