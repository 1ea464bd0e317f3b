import { beforeAll, describe, expect, it } from 'vitest';
import { asList, iamStatements, logicalIdOf, synthTemplates, type Templates } from './support.ts';

/** The only statements allowed to name Resource "*", each acknowledged in cdk-nag with its reason. */
const acknowledgedWildcardActions = [
  'sns:Publish', // SMS to phone numbers has no ARN
  'dynamodb:ListStreams', // added by the DynamoDB event source; no resource-level permission
  'sns:SetSMSAttributes', // account-level SMS settings; no resource-level permission
  'cloudfront:CreateInvalidation', // CDK's BucketDeployment handler, after deploying the web console
  'cloudfront:GetInvalidation',
];

describe('IAM (dev)', () => {
  let dev: Templates;
  beforeAll(() => {
    dev = synthTemplates('dev');
  });

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
        Resource: { 'Fn::ImportValue': expect.stringMatching(/SchedulerDlq/) },
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
    expect(scheduling?.Action).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:UpdateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
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

  it('lets only the dispatcher and the sweeper publish, and the API manage topics of its stage prefix only', () => {
    // Prepare
    const roleOf = (fn: 'api' | 'planner' | 'dispatcher' | 'sweeper') =>
      dev.stateless.getLogicalId(dev.stateless[fn].role.node.defaultChild as never);
    const snsActions = (fn: 'api' | 'planner' | 'dispatcher' | 'sweeper') =>
      policiesOfRole(roleOf(fn))
        .flatMap(({ statement }) => asList(statement.Action))
        .filter((a) => a.startsWith('sns:'));
    // Act / Assess
    expect(snsActions('planner')).toEqual([]);
    expect(snsActions('api')).not.toContain('sns:Publish');
    expect(snsActions('dispatcher')).toContain('sns:Publish');
    expect(snsActions('sweeper')).toContain('sns:Publish');
    const manage = policiesOfRole(roleOf('api')).find(
      ({ statement }) => statement.Sid === 'ManageUnitTopics',
    );
    expect(JSON.stringify(manage?.statement.Resource)).toContain(':dondoc-dev-unit-*');
  });
});
