import { Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp } from './support.ts';

/** Every acknowledgement recorded in the tree: construct path, rule id and reason. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

// Each test synthesizes the app: slow on a loaded machine.
describe('cdk-nag AwsSolutionsChecks', { timeout: 120_000 }, () => {
  for (const stage of ['dev', 'prod']) {
    it(`finds nothing unacknowledged in the ${stage} app`, () => {
      // Prepare
      const { app } = buildApp(stage);
      // Act
      const report = new AwsSolutionsChecks().validateScope(app);
      // Assess
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
        [],
      );
    });
  }

  it('synthesizes the dev app with the nag plugin registered', () => {
    const { app } = buildApp('dev');
    expect(() => app.synth()).not.toThrow();
  });

  it('reports a wildcard nobody acknowledged (the check is live)', () => {
    // Prepare
    const { app, stateless } = buildApp('dev');
    const role = new Role(stateless, 'Careless', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);
    // Assess
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-IAM5[Resource::*]');
  });

  it('gives every acknowledgement a reason a reviewer can check', () => {
    const { app } = buildApp('dev');
    const all = acknowledgements(app).filter((a) => a.id.startsWith('AwsSolutions-'));
    expect(all.length).toBeGreaterThan(0);
    for (const acknowledgement of all) expect(acknowledgement.reason.length).toBeGreaterThan(60);
  });

  it('acknowledges Resource "*" only on the roles that need it', () => {
    const { app } = buildApp('dev');
    const paths = acknowledgements(app)
      .filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]')
      .map((a) => a.path.replace(/^Dondoc-dev-Stateless\//, ''));
    expect(paths.sort()).toEqual([
      'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB',
      'Planner/Role',
      'SmsAccountSettings/SetSmsAttributes',
    ]);
  });
});
