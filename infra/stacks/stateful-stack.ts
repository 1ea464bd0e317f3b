import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableSchema } from '../../shared/adapters/dynamodb/table-schema.ts';
import type { StageConfig } from '../config/stages.ts';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * Everything that holds data or must outlive a redeploy of the code: the table, the schedule group,
 * the dead-letter queues, the user pool, the alarm topic and its key.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly scheduleGroup: ScheduleGroup;
  /** Receives one-time schedule fires the dispatcher could not take after Scheduler's retries. */
  readonly schedulerDlq: Queue;
  /** Receives stream batches the planner failed on after retries and bisection. */
  readonly streamDlq: Queue;
  readonly alarmTopic: Topic;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** The Cognito hosted UI (`https://<auth.domainPrefix>.auth.<region>.amazoncognito.com`) the console signs in with. */
  readonly userPoolDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = new Table(this, 'Table', {
      tableName: `dondoc-${config.stage}`,
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: tableSchema.ttlAttribute,
      deletionProtection: config.retainData,
      removalPolicy,
    });
    for (const index of tableSchema.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: `dondoc-${config.stage}`,
      removalPolicy,
    });

    this.schedulerDlq = this.deadLetterQueue('SchedulerDlq', `dondoc-${config.stage}-scheduler-dlq`);
    this.streamDlq = this.deadLetterQueue('StreamDlq', `dondoc-${config.stage}-stream-dlq`);

    // CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, hence a
    // customer key whose policy lets CloudWatch use it.
    const alarmKey = new Key(this, 'AlarmTopicKey', {
      description: `dondoc ${config.stage}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy,
    });
    alarmKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      topicName: `dondoc-${config.stage}-alarms`,
      displayName: `dondoc ${config.stage} alarms`,
      masterKey: alarmKey,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `dondoc-${config.stage}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: { unitId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: config.auth.mfaRequired ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: config.auth.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(config.auth.threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      deletionProtection: config.retainData,
      removalPolicy,
    });
    for (const [groupName, description] of [
      ['admin', 'Provincial office administrators: configure everything'],
      ['unit-head', 'Unit heads and focal officers: their own unit only (custom:unitId)'],
    ] as const) {
      new UserPoolGroup(this, `Group-${groupName}`, { userPool: this.userPool, groupName, description });
    }
    this.userPoolClient = this.userPool.addClient('WebClient', {
      userPoolClientName: `dondoc-${config.stage}-web`,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    // The console's own app client lives in the stateless stack, next to the distribution whose
    // address is its callback URL; the domain stays here, with the pool whose users it signs in.
    this.userPoolDomain = new UserPoolDomain(this, 'HostedUiDomain', {
      userPool: this.userPool,
      cognitoDomain: { domainPrefix: config.auth.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    this.acknowledgeUserPoolFindings(config);

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiUrl', { value: this.userPoolDomain.baseUrl() });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }

  private deadLetterQueue(id: string, queueName: string): Queue {
    const queue = new Queue(this, id, {
      queueName,
      // SQS-managed keys: Scheduler and Lambda can send without KMS grants on a customer key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue (the failure destination of Scheduler or the stream source); it is alarmed when not empty and inspected by hand.',
    });
    return queue;
  }

  private acknowledgeUserPoolFindings(config: StageConfig): void {
    if (!config.auth.mfaRequired) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `Stage ${config.stage} holds test data only; TOTP MFA is offered (optional). Production stages set auth.mfaRequired.`,
      });
    }
    if (!config.auth.threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `Stage ${config.stage} holds test data only; the Plus feature plan (threat protection) is used on production stages.`,
      });
    }
  }
}
