import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableSchema } from '../../shared/adapters/dynamodb/table-schema.ts';
import type { StageConfig } from '../config/stages.ts';
import { createUserDirectory } from '../constructs/user-directory.ts';

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/**
 * The functions that are invoked asynchronously (by EventBridge Scheduler; the receipts function
 * by CloudWatch Logs), each with its own on-failure queue: after Lambda's two retries a failing
 * event lands there instead of being dropped.
 */
export const asyncFunctions = ['dispatcher', 'sweeper', 'receipts'] as const;
export type AsyncFunctionName = (typeof asyncFunctions)[number];

/**
 * Everything that holds data or must outlive a redeploy of the code: the table, the schedule group,
 * the dead-letter and on-failure queues, the user pool, the alarm topic, the keys.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly scheduleGroup: ScheduleGroup;
  /**
   * Receives the fires Scheduler could not deliver after its own retries (the invoke call itself
   * failed: throttled, denied, function missing). A fire the dispatcher accepted and then failed on
   * is not here: it goes to the dispatcher's on-failure queue.
   */
  readonly schedulerDlq: Queue;
  /** Per asynchronously invoked function: the events it failed on after Lambda's retries. */
  readonly failureQueues: Readonly<Record<AsyncFunctionName, Queue>>;
  /** Encrypts the per-contact e-mail topics the API creates at run time (construct id kept from the unit topics: the same key). */
  readonly unitTopicKey: Key;
  /** Receives stream batches the planner failed on after retries and bisection. */
  readonly streamDlq: Queue;
  readonly alarmTopic: Topic;
  /** The key each message's personal link code is derived from (HMAC of the message id). */
  readonly linkSecret: Secret;
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
    this.failureQueues = Object.fromEntries(
      asyncFunctions.map((name) => [
        name,
        this.deadLetterQueue(
          `${name.charAt(0).toUpperCase()}${name.slice(1)}FailureQueue`,
          `dondoc-${config.stage}-${name}-failures`,
        ),
      ]),
    ) as Record<AsyncFunctionName, Queue>;
    this.unitTopicKey = new Key(this, 'UnitTopicKey', {
      description: `dondoc ${config.stage}: encrypts the per-contact e-mail topics (dondoc-${config.stage}-contact-*)`,
      enableKeyRotation: true,
      removalPolicy,
    });

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

    this.linkSecret = new Secret(this, 'LinkSecret', {
      secretName: `dondoc-${config.stage}-link-key`,
      description: `dondoc ${config.stage}: derives the code of the personal link in each reminder`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    Validations.of(this.linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A random HMAC key, not a credential of another system: links already sent are looked up by the hash of their code and keep working whatever the key becomes; to replace it, put a new random value (docs/deploy.md).',
    });

    ({
      userPool: this.userPool,
      scriptClient: this.userPoolClient,
      domain: this.userPoolDomain,
    } = createUserDirectory(this, config, removalPolicy));

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
        'This queue is itself a dead-letter queue (of Scheduler, of the stream source, or the on-failure destination of an asynchronously invoked function); it is alarmed when not empty and redriven by hand (docs/deploy.md).',
    });
    return queue;
  }
}
