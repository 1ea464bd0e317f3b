import { beforeAll, describe, expect, it } from 'vitest';
import {
  asList,
  fromStateful,
  iamStatements,
  logicalIdOf,
  type Statement,
  synthTemplates,
  type Templates,
} from './support.ts';

/** The only statements allowed to name Resource "*", each acknowledged in cdk-nag with its reason. */
const acknowledgedWildcardActions = [
  'dynamodb:ListStreams', // added by the DynamoDB event source; no resource-level permission
  'sns:SetSMSAttributes', // account-level SMS settings; no resource-level permission
  'cloudfront:CreateInvalidation', // CDK's BucketDeployment handler, after deploying the web console
  'cloudfront:GetInvalidation',
];

describe('IAM (dev)', () => {
  let dev: Templates;
  beforeAll(() => {
    dev = synthTemplates('dev');
  }, 180_000);

  const allStatements = () => [
    ...iamStatements(dev.statefulTemplate),
    ...iamStatements(dev.statelessTemplate),
  ];
  const policiesOfRole = (roleId: string) =>
    iamStatements(dev.statelessTemplate).filter(({ policy }) => {
      const resource = dev.statelessTemplate.toJSON().Resources[policy];
      return policy === roleId || JSON.stringify(resource.Properties.Roles ?? []).includes(`"${roleId}"`);
    });

  it('has no statement whose action is a service-wide or global wildcard', () => {
    const wildcards = allStatements().filter(({ statement }) =>
      asList(statement.Action).some((action) => action === '*' || action.endsWith(':*')),
    );
    expect(wildcards).toEqual([]);
  });

  it('names Resource "*" only for the acknowledged actions that have no resource ARN', () => {
    const starred = allStatements()
      .filter(({ statement }) => asList(statement.Resource as string | string[]).includes('*'))
      .flatMap(({ statement }) => asList(statement.Action));
    expect(starred.length).toBeGreaterThan(0);
    expect(starred.filter((action) => !acknowledgedWildcardActions.includes(action))).toEqual([]);
  });

  it('lets the Scheduler execution role invoke the dispatcher and send to its dead-letter queue, nothing else', () => {
    // Prepare
    const roleId = logicalIdOf(dev.statelessTemplate, 'AWS::IAM::Role', {
      Description:
        'Assumed by EventBridge Scheduler to invoke the dispatcher for the one-time reminder schedules',
    });
    const dispatcher = logicalIdOf(dev.statelessTemplate, 'AWS::Lambda::Function', {
      FunctionName: 'dondoc-dev-dispatcher',
    });
    // Act
    const statements = policiesOfRole(roleId).map(({ statement }) => statement);
    // Assess
    expect(statements).toEqual([
      {
        Sid: 'InvokeDispatcher',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: { 'Fn::GetAtt': [dispatcher, 'Arn'] },
      },
      {
        Sid: 'SendToSchedulerDlq',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: fromStateful(/SchedulerDlq.*Arn/),
      },
    ]);
  });

  it('lets only the scheduler service of this account assume the Scheduler execution role', () => {
    const roleId = logicalIdOf(dev.statelessTemplate, 'AWS::IAM::Role', {
      Description:
        'Assumed by EventBridge Scheduler to invoke the dispatcher for the one-time reminder schedules',
    });
    const role = dev.statelessTemplate.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
  });

  it('limits the planner to the schedules of its stage group and to passing the Scheduler role', () => {
    // Prepare
    const planner = dev.stateless.planner.role.node.defaultChild;
    const roleId = dev.stateless.getLogicalId(planner as never);
    const schedulerRole = dev.stateless.getLogicalId(dev.stateless.schedulerRole.node.defaultChild as never);
    // Act
    const statements = policiesOfRole(roleId).map(({ statement }) => statement);
    // Assess
    const scheduling = statements.find((s) => s.Sid === 'ManageReminderSchedules');
    expect(asList(scheduling?.Action ?? []).sort()).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
      'scheduler:UpdateSchedule',
    ]);
    expect(JSON.stringify(scheduling?.Resource)).toContain(':schedule/dondoc-dev/*');
    expect(statements.find((s) => s.Sid === 'PassSchedulerRole')).toEqual({
      Sid: 'PassSchedulerRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [schedulerRole, 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
  });

  type Fn = 'api' | 'planner' | 'dispatcher' | 'sweeper';
  /** Every (action, statement) pair granted to a function's role, whatever statements were merged. */
  const grantsOf = (fn: Fn) => {
    const roleId = dev.stateless.getLogicalId(dev.stateless[fn].role.node.defaultChild as never);
    return policiesOfRole(roleId).flatMap(({ statement }) =>
      asList(statement.Action).map((action) => ({ action, statement })),
    );
  };
  const snsActions = (fn: Fn) =>
    grantsOf(fn)
      .map((g) => g.action)
      .filter((a) => a.startsWith('sns:'));

  it('lets only the dispatcher and the sweeper publish, and the API manage topics of its stage prefix only', () => {
    expect(snsActions('planner')).toEqual([]);
    expect(snsActions('api')).not.toContain('sns:Publish');
    expect(snsActions('api').sort()).toEqual([
      'sns:CreateTopic',
      'sns:DeleteTopic',
      'sns:GetSubscriptionAttributes',
      'sns:ListSubscriptionsByTopic',
      'sns:SetTopicAttributes',
      'sns:Subscribe',
      'sns:Unsubscribe',
      'sns:Unsubscribe',
    ]);
    for (const { action, statement } of grantsOf('api').filter((g) => g.action.startsWith('sns:'))) {
      const resource = JSON.stringify(statement.Resource);
      if (resource.includes(':dondoc-dev-unit-*')) expect(action).toBe('sns:Unsubscribe');
      else expect(resource).toContain(':dondoc-dev-contact-*');
    }
  });

  it('lets the senders publish SMS to phone numbers (no SNS ARN) and otherwise only to the stage contact topics', () => {
    for (const fn of ['dispatcher', 'sweeper'] as const) {
      // Act
      const publish = grantsOf(fn)
        .filter((g) => g.action === 'sns:Publish')
        .map((g) => g.statement as Statement & { NotResource?: unknown });
      // Assess
      expect(publish).toHaveLength(2);
      expect(publish.find((p) => p.NotResource)).toMatchObject({
        Effect: 'Allow',
        NotResource: 'arn:aws:sns:*:*:*',
      });
      expect(publish.find((p) => p.NotResource)?.Resource).toBeUndefined();
      expect(JSON.stringify(publish.find((p) => p.Resource)?.Resource)).toContain(':dondoc-dev-contact-*');
    }
  });

  it('lets the senders use the unit-topic key through SNS only, and nobody else use it', () => {
    // Prepare
    const key = fromStateful(/UnitTopicKey.*Arn/);
    // Act
    const kms = (fn: Fn) => grantsOf(fn).filter((g) => g.action.startsWith('kms:'));
    // Assess
    for (const fn of ['dispatcher', 'sweeper'] as const) {
      expect(
        kms(fn)
          .map((g) => g.action)
          .sort(),
      ).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      for (const { statement } of kms(fn)) {
        expect(statement.Resource).toEqual(key);
        expect(statement.Condition).toEqual({
          StringEquals: { 'kms:ViaService': 'sns.ap-southeast-1.amazonaws.com' },
        });
      }
    }
    expect(kms('api')).toEqual([]);
    expect(kms('planner')).toEqual([]);
  });

  it('lets only the senders read the link key, that one secret', () => {
    // Prepare
    const secret = fromStateful(/LinkSecret/);
    // Act
    const reads = (fn: Fn) => grantsOf(fn).filter((g) => g.action.startsWith('secretsmanager:'));
    // Assess
    for (const fn of ['dispatcher', 'sweeper'] as const) {
      expect(
        reads(fn)
          .map((g) => g.action)
          .sort(),
      ).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
      for (const { statement } of reads(fn)) expect(statement.Resource).toEqual(secret);
    }
    expect(reads('api')).toEqual([]);
    expect(reads('planner')).toEqual([]);
  });
});
