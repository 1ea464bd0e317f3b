import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableSchema } from '../../shared/adapters/dynamodb/table-schema.ts';
import { synthTemplates, type Templates } from './support.ts';

describe('stateful stack (dev)', () => {
  let dev: Templates;
  beforeAll(() => {
    dev = synthTemplates('dev');
  }, 180_000);

  it('builds the table from the shared key schema with its three string-keyed GSIs projecting all attributes', () => {
    // Prepare
    const expectedIndexes = tableSchema.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));
    // Act / Assess
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'dondoc-dev',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: expectedIndexes,
    });
  });

  it('makes the table on-demand, point-in-time recoverable, encrypted, streamed with both images and expiring on expiresAt', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('names the schedule group after the stage', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'dondoc-dev' });
  });

  it('encrypts the dead-letter and on-failure queues and refuses non-TLS access to them', () => {
    // Prepare
    const queues = dev.statefulTemplate.findResources('AWS::SQS::Queue');
    // Assess
    expect(Object.values(queues).map((q) => q.Properties.QueueName)).toEqual([
      'dondoc-dev-scheduler-dlq',
      'dondoc-dev-stream-dlq',
      'dondoc-dev-dispatcher-failures',
      'dondoc-dev-sweeper-failures',
      'dondoc-dev-receipts-failures',
    ]);
    for (const queue of Object.values(queues))
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 86400);
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    dev.statefulTemplate.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
      5,
    );
  });

  it('keeps a rotated customer key for the contact topics the API creates', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp('per-contact e-mail topics'),
    });
  });

  it('encrypts the alarm topic with a rotated customer key that CloudWatch may use', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'dondoc-dev-alarms',
      KmsMasterKeyId: Match.anyValue(),
    });
    dev.statefulTemplate.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
    dev.statefulTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'dondoc-dev-alarms@example.org',
    });
  });

  it('creates a user pool without self sign-up, with a strong password policy, the unitId attribute and both groups', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unitId', AttributeDataType: 'String' })]),
    });
    for (const group of ['admin', 'unit-head']) {
      dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
  });

  it('serves the classic hosted UI on the stage domain prefix and outputs its address', () => {
    // Assess
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'dondoc-dev-tinhmau',
      ManagedLoginVersion: 1,
      UserPoolId: { Ref: Match.stringLikeRegexp('^UserPool') },
    });
    dev.statefulTemplate.hasOutput('HostedUiUrl', {
      Value: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith(['.auth.ap-southeast-1.amazoncognito.com'])],
      }),
    });
  });

  it('lets the dev table be deleted with its stack', () => {
    dev.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });
});

describe('stateful stack (prod)', () => {
  let prod: Templates;
  beforeAll(() => {
    prod = synthTemplates('prod');
  }, 180_000);

  it('protects the prod table from deletion and retains it when the stack goes', () => {
    prod.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('retains the prod user pool and schedule group', () => {
    prod.statefulTemplate.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    prod.statefulTemplate.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Retain' });
  });

  it('requires TOTP MFA and enforces threat protection on the prod user pool', () => {
    prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('deploys prod to its configured account in ap-southeast-1', () => {
    expect(prod.stateful.account).toBe('111111111111');
    expect(prod.stateful.region).toBe('ap-southeast-1');
  });
});
