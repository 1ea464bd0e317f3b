import {
  ArnFormat,
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  Schedule,
  ScheduleExpression,
  type ScheduleGroup,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { dailyCron, SWEEP_TIME, WINDOW_TICKS } from '../../shared/domain/send-windows.ts';
import {
  DISPATCHER_TIMEOUT_SECONDS,
  WINDOW_TICK,
  windowPayload,
} from '../../shared/usecases/engine/window.ts';
import type { StageConfig } from '../config/stages.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { DeliveryReceipts } from '../constructs/delivery-receipts.ts';
import { DondocHttpApi } from '../constructs/http-api.ts';
import { nagArn } from '../constructs/nag.ts';
import { Operations } from '../constructs/operations.ts';
import { senderStatements, tableDataStatement, topicManagerStatements } from '../constructs/permissions.ts';
import { SmsAccountSettings } from '../constructs/sms-account-settings.ts';
import { WebConsole } from '../constructs/web-console.ts';
import type { AsyncFunctionName } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: Table;
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerDlq: Queue;
  readonly streamDlq: Queue;
  readonly failureQueues: Readonly<Record<AsyncFunctionName, Queue>>;
  readonly unitTopicKey: IKey;
  readonly alarmTopic: Topic;
  /** The personal links' key: the senders read it. */
  readonly linkSecret: ISecret;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** Base URL of the Cognito hosted UI the console signs in with. */
  readonly hostedUiUrl: string;
  /** The built web console (`npm run build:web` writes web/dist). */
  readonly consoleDir: string;
}

/** The four functions, their triggers and permissions, the HTTP API, the daily sweep and the alarms. */
export class StatelessStack extends Stack {
  readonly api: AppFunction;
  readonly planner: AppFunction;
  readonly dispatcher: AppFunction;
  readonly sweeper: AppFunction;
  /** Carrier receipts of SMS from the SNS delivery-status logs (issue 14). */
  readonly receipts: AppFunction;
  /** Assumed by EventBridge Scheduler for the planner's one-time schedules. */
  readonly schedulerRole: Role;
  readonly httpApi: DondocHttpApi;
  readonly webConsole: WebConsole;
  readonly dailySweep: Schedule;
  /** The daily send-window ticks (shared/domain/send-windows.ts), invoking the dispatcher. */
  readonly windowTicks: Schedule[];
  readonly windowTickRole: Role;
  readonly sweepScheduleRole: Role;
  /** `arn:…:schedule/dondoc-<stage>/*`: the planner's one-time schedules. */
  private schedulesArn = '';

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const topicPrefix = `dondoc-${config.stage}-contact-`;
    const contactTopicsArn = this.formatArn({ service: 'sns', resource: `${topicPrefix}*` });
    const legacyUnitTopicsArn = this.formatArn({ service: 'sns', resource: `dondoc-${config.stage}-unit-*` });

    const common = {
      stage: config.stage,
      logRetention: config.logRetention,
      logLevel: config.logLevel,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };
    const baseEnvironment: Record<string, string> = {
      TABLE_NAME: table.tableName,
      STAGE: config.stage,
      OFFICE_UNIT_ID: config.officeUnitId,
      DONDOC_LANG: config.lang,
      SWEEP_GRACE_MINUTES: String(config.sweepGraceMinutes),
      SMS_PARTS_PER_SECOND: String(config.smsPartsPerSecond),
      TOPIC_PREFIX: topicPrefix,
      LETTERHEAD: JSON.stringify(config.letterhead),
      TOPIC_KMS_KEY_ARN: props.unitTopicKey.keyArn,
      ...(config.sms.senderId ? { SMS_SENDER_ID: config.sms.senderId } : {}),
      ...(config.sms.maxPriceUsd !== undefined ? { SMS_MAX_PRICE_USD: String(config.sms.maxPriceUsd) } : {}),
    };

    const functionName = (service: string) => `dondoc-${config.stage}-${service}`;
    // Built from the physical name, not `fn.functionArn`: the dispatcher's own environment carries it.
    const dispatcherArn = this.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: functionName('dispatcher'),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description:
        'Assumed by EventBridge Scheduler to invoke the dispatcher for the one-time reminder schedules',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });

    // Every function gets the whole contract environment: the composition root builds all adapters.
    const environment: Record<string, string> = {
      ...baseEnvironment,
      SCHEDULE_GROUP: props.scheduleGroup.scheduleGroupName,
      SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
      DISPATCHER_ARN: dispatcherArn,
      SCHEDULER_DLQ_ARN: props.schedulerDlq.queueArn,
    };

    this.dispatcher = new AppFunction(this, 'Dispatcher', {
      ...common,
      functionName: functionName('dispatcher'),
      entry: 'functions/scheduler/dispatcher.ts',
      serviceName: 'dispatcher',
      description:
        'Target of the one-time schedules: checks due reminders; drains each send window at the SMS rate',
      environment,
      // A window's drain paces its sends and stops DRAIN_MARGIN_MS before this, then resumes by schedule.
      timeout: Duration.seconds(DISPATCHER_TIMEOUT_SECONDS),
      reservedConcurrency: config.reservedConcurrency.dispatcher,
      onFailure: props.failureQueues.dispatcher,
    });
    this.schedulerRole.addToPolicy(
      new PolicyStatement({
        sid: 'InvokeDispatcher',
        actions: ['lambda:InvokeFunction'],
        resources: [this.dispatcher.fn.functionArn],
      }),
    );
    // Scheduler delivers dead-letter events with the schedule's execution role.
    this.schedulerRole.addToPolicy(
      new PolicyStatement({
        sid: 'SendToSchedulerDlq',
        actions: ['sqs:SendMessage'],
        resources: [props.schedulerDlq.queueArn],
      }),
    );

    this.planner = new AppFunction(this, 'Planner', {
      ...common,
      functionName: functionName('planner'),
      entry: 'functions/stream/planner.ts',
      serviceName: 'planner',
      description: 'Table stream consumer: keeps one one-time schedule per open assignment',
      environment,
      timeout: Duration.seconds(60),
    });
    this.api = new AppFunction(this, 'Api', {
      ...common,
      functionName: functionName('api'),
      entry: 'functions/api/http.ts',
      serviceName: 'api',
      description: 'HTTP API for administrators and unit heads',
      environment,
    });
    this.sweeper = new AppFunction(this, 'Sweeper', {
      ...common,
      functionName: functionName('sweeper'),
      entry: 'functions/scheduled/sweeper.ts',
      serviceName: 'sweeper',
      description: 'Daily 07:30 sweep: digests, safety net for missed checks, email subscription status',
      environment,
      timeout: Duration.minutes(5),
      reservedConcurrency: config.reservedConcurrency.sweeper,
      onFailure: props.failureQueues.sweeper,
    });

    this.receipts = new AppFunction(this, 'Receipts', {
      ...common,
      functionName: functionName('receipts'),
      entry: 'functions/logs/receipts.ts',
      serviceName: 'receipts',
      description:
        'SMS delivery-status logs -> reminder log receipts; email in place of an SMS that failed for good',
      environment,
      timeout: Duration.seconds(60),
      onFailure: props.failureQueues.receipts,
    });
    new DeliveryReceipts(this, 'DeliveryReceipts', { config, handler: this.receipts.fn });

    const tableData = tableDataStatement(table);
    for (const fn of [this.api, this.planner, this.dispatcher, this.sweeper, this.receipts])
      fn.fn.addToRolePolicy(tableData);
    this.grantScheduling(props);
    for (const fn of [this.dispatcher, this.sweeper]) {
      for (const statement of senderStatements(contactTopicsArn, props.unitTopicKey))
        fn.fn.addToRolePolicy(statement);
    }
    for (const statement of topicManagerStatements(contactTopicsArn, legacyUnitTopicsArn))
      this.api.fn.addToRolePolicy(statement);
    // The receipts function emails a contact in place of an SMS that failed for good: their topic, no SMS.
    for (const statement of senderStatements(contactTopicsArn, props.unitTopicKey))
      if (statement.sid !== 'SmsToPhoneNumbers') this.receipts.fn.addToRolePolicy(statement);
    this.planner.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        parallelizationFactor: 1,
        onFailure: new SqsDlq(props.streamDlq),
      }),
    );
    this.sweepScheduleRole = new Role(this, 'SweepScheduleRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the sweeper once a working day',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    this.dailySweep = this.dailySweepSchedule(config.stage, props.scheduleGroup, props.schedulerDlq);
    this.windowTickRole = new Role(this, 'WindowTickRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the dispatcher at the daily send-window ticks',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    this.windowTicks = WINDOW_TICKS.map((time) =>
      this.windowTickSchedule(config.stage, time, props.scheduleGroup, props.schedulerDlq),
    );

    this.httpApi = new DondocHttpApi(this, 'HttpApi', {
      config,
      handler: this.api.fn,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
    });

    this.webConsole = new WebConsole(this, 'WebConsole', {
      httpApi: this.httpApi.api,
      sourceDir: props.consoleDir,
      auth: {
        userPool: props.userPool,
        hostedUiUrl: props.hostedUiUrl,
        clientName: `dondoc-${config.stage}-console`,
      },
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ...(config.consoleDomain ? { customDomain: config.consoleDomain } : {}),
    });
    if (this.webConsole.client) this.httpApi.acceptTokensOf(this.webConsole.client);
    // Personal links in reminders point at the console's address. Only the senders get it: the
    // API function cannot (the distribution is in front of it), and mints from the caller's Origin.
    // Each message's link code is derived from the link key (a resend carries the same link).
    for (const fn of [this.dispatcher, this.sweeper]) {
      fn.fn.addEnvironment('LINK_BASE_URL', this.webConsole.url);
      fn.fn.addEnvironment('LINK_SECRET_ARN', props.linkSecret.secretArn);
      props.linkSecret.grantRead(fn.fn);
    }
    // The email that replaces a failed SMS gets a new personal link (the SMS's code is never stored).
    this.receipts.fn.addEnvironment('LINK_BASE_URL', this.webConsole.url);

    if (config.sms.manageAccountSettings) {
      new SmsAccountSettings(this, 'SmsAccountSettings', { config });
    }

    new Operations(this, 'Operations', {
      config,
      alarmTopic: props.alarmTopic,
      functions: {
        api: this.api,
        planner: this.planner,
        dispatcher: this.dispatcher,
        sweeper: this.sweeper,
        receipts: this.receipts,
      },
      deadLetterQueues: { scheduler: props.schedulerDlq, stream: props.streamDlq },
      scheduleGroupName: props.scheduleGroup.scheduleGroupName,
      httpApiId: this.httpApi.api.apiId,
      table,
    });

    this.acknowledgeFindings(contactTopicsArn, legacyUnitTopicsArn);

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'DashboardName', { value: `dondoc-${config.stage}` });
    new CfnOutput(this, 'ConsoleUrl', { value: this.webConsole.url });
    if (this.webConsole.client) {
      new CfnOutput(this, 'ConsoleClientId', { value: this.webConsole.client.userPoolClientId });
    }
  }

  /** The daily sweep: a Scheduler cron in Asia/Ho_Chi_Minh invoking the sweeper with retries and a DLQ. */
  private dailySweepSchedule(stage: string, scheduleGroup: ScheduleGroup, deadLetterQueue: Queue): Schedule {
    return new Schedule(this, 'DailySweep', {
      // In the stage's group, so the group's alarms (dropped fires, dead-letter failures) cover it; its
      // name cannot meet the run-time schedules' (`check-…`, digests) that the functions manage there.
      scheduleGroup,
      scheduleName: `dondoc-${stage}-daily-sweep`,
      // Every day, not MON-FRI: a swapped working Saturday (làm bù) needs its sweep too, and on a day
      // off the reminders it dispatches are held by the send window anyway.
      description: `Daily sweep at ${SWEEP_TIME} Vietnam time: missed checks, unsent digests, email confirmations`,
      schedule: ScheduleExpression.cron({ ...dailyCron(SWEEP_TIME), timeZone: TimeZone.ASIA_HO_CHI_MINH }),
      target: new LambdaInvoke(this.sweeper.fn, {
        role: this.sweepScheduleRole,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue,
      }),
    });
  }

  /**
   * A send window's daily tick: the dispatcher dispatches every check due then and drains the
   * window's messages at the SMS rate. Every day (days off are held by the engine, as for the sweep).
   */
  private windowTickSchedule(
    stage: string,
    time: string,
    scheduleGroup: ScheduleGroup,
    deadLetterQueue: Queue,
  ): Schedule {
    return new Schedule(this, `WindowTick${time.replace(':', '')}`, {
      // In the stage's group, so the group's alarms (dropped fires, dead-letter failures) cover it; a
      // fixed name that the run-time schedules (`check-…`) cannot take.
      scheduleGroup,
      scheduleName: `dondoc-${stage}-window-${time.replace(':', '')}`,
      description: `Send window at ${time} Vietnam time: due checks dispatched, messages sent paced`,
      schedule: ScheduleExpression.cron({ ...dailyCron(time), timeZone: TimeZone.ASIA_HO_CHI_MINH }),
      target: new LambdaInvoke(this.dispatcher.fn, {
        role: this.windowTickRole,
        input: ScheduleTargetInput.fromObject(windowPayload(WINDOW_TICK)),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue,
      }),
    });
  }

  /**
   * The planner keeps one schedule per open assignment; the dispatcher creates the one-off digest
   * schedules, and the sweeper re-creates schedules that were lost: all three manage schedules of
   * this stage's group and pass the Scheduler role, nothing else.
   */
  private grantScheduling(props: StatelessStackProps): void {
    this.schedulesArn = this.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${props.scheduleGroup.scheduleGroupName}/*`,
    });
    for (const fn of [this.planner, this.dispatcher, this.sweeper]) {
      fn.fn.addToRolePolicy(
        new PolicyStatement({
          sid: 'ManageReminderSchedules',
          actions: [
            'scheduler:CreateSchedule',
            'scheduler:UpdateSchedule',
            'scheduler:DeleteSchedule',
            'scheduler:GetSchedule',
          ],
          resources: [this.schedulesArn],
        }),
      );
      fn.fn.addToRolePolicy(
        new PolicyStatement({
          sid: 'PassSchedulerRole',
          effect: Effect.ALLOW,
          actions: ['iam:PassRole'],
          resources: [this.schedulerRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      );
    }
  }

  /** The cdk-nag findings of this stack that are accepted, each with the reason a reviewer needs. */
  private acknowledgeFindings(contactTopicsArn: string, legacyUnitTopicsArn: string): void {
    const topicsFinding = `AwsSolutions-IAM5[Resource::${nagArn(this, contactTopicsArn)}]`;
    const topicsReason =
      "Contact topics are created at run time by the API, one per contact with an email address (so a personal link reaches that person only), named dondoc-<stage>-contact-<unitId>-<contactId>-<hash>; the prefix confines the function to its own stage's contact topics and their subscriptions.";
    for (const fn of [this.api, this.dispatcher, this.sweeper, this.receipts]) {
      Validations.of(fn.role).acknowledge({ id: topicsFinding, reason: topicsReason });
    }
    Validations.of(this.api.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(this, legacyUnitTopicsArn)}]`,
      reason:
        "Unsubscribe only, on the per-unit topics of releases before per-contact topics (dondoc-<stage>-unit-<unitId>): a contact's address leaves its unit's shared topic when it moves to its own; the prefix confines it to this stage's.",
    });
    for (const fn of [this.dispatcher, this.sweeper]) {
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagArn(this, this.schedulesArn)}]`,
        reason:
          "Schedules have run-time names (one per assignment, one per digest window); the ARN pattern is limited to this stage's schedule group.",
      });
    }
    Validations.of(this.planner.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${nagArn(this, this.schedulesArn)}]`,
        reason:
          "The planner creates one schedule per open assignment with a run-time name; the ARN pattern is limited to this stage's schedule group.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          "dynamodb:ListStreams, added by the DynamoDB event source, supports no resource-level permission; reading records (GetRecords, GetShardIterator, DescribeStream) is limited to this table's stream.",
      },
    );
    Validations.of(this.sweepScheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.sweeper.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        'Granted by the Scheduler LambdaInvoke target: the sweeper function and its versions/aliases (":*"), nothing else.',
    });
    Validations.of(this.windowTickRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.dispatcher.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        'Granted by the Scheduler LambdaInvoke target of the window ticks: the dispatcher function and its versions/aliases (":*"), nothing else.',
    });
  }
}
