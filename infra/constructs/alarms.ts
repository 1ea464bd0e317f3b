import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { tableSchema } from '../../shared/adapters/dynamodb/table-schema.ts';
import { channelSchema } from '../../shared/schemas/common.ts';
import type { StageConfig } from '../config/stages.ts';
import type { AppFunction } from './app-function.ts';
import { emfMetric, schedulerMetric, smsMetric } from './metrics.ts';

export interface StageAlarmsProps {
  readonly config: StageConfig;
  readonly alarmTopic: ITopic;
  /** Every app function by its role (`api`, `planner`...); its on-failure queue comes with it. */
  readonly functions: Readonly<Record<string, AppFunction>> & { readonly planner: AppFunction };
  /** The dead-letter queues of Scheduler and of the table stream. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  readonly scheduleGroupName: string;
  readonly httpApiId: string;
  readonly table: ITable;
}

interface AlarmSpec {
  readonly description: string;
  readonly metric: IMetric;
  /** Fires when the metric is at or above this value (`atLeast`) or above it (`above`, the default). */
  readonly threshold: number;
  readonly atLeast?: boolean;
  readonly evaluationPeriods?: number;
}

/**
 * Every failure path of a stage as a CloudWatch alarm to the alarm topic (on alarm and on
 * recovery). Thresholds ignore one-off noise where a retry absorbs it (function errors, throttles,
 * 5xx) and fire on the first event where nothing retries any more (a message in a dead-letter or
 * on-failure queue, a dropped schedule fire). docs/deploy.md "What to watch" lists each with its remedy.
 */
export class StageAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly prefix: string;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: StageAlarmsProps) {
    super(scope, id);
    this.prefix = `dondoc-${props.config.stage}`;
    this.action = new SnsAction(props.alarmTopic);
    this.queueAlarms(props);
    for (const [name, appFunction] of Object.entries(props.functions)) this.functionAlarms(name, appFunction);
    this.serviceAlarms(props);
    this.sendAlarms(props.config);
  }

  private add(name: string, spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this, name, {
      alarmName: `${this.prefix}-${name}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.atLeast
        ? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
        : ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** A message in any dead-letter or on-failure queue is work nothing will retry: alarm on the first. */
  private queueAlarms(props: StageAlarmsProps): void {
    const depth = (queue: IQueue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' });
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(`${name}-dlq-not-empty`, {
        description: `Messages in the ${name} dead-letter queue: schedule fires or plan changes were not delivered. Inspect and redrive (docs/deploy.md).`,
        metric: depth(queue),
        threshold: 0,
      });
    }
    for (const [name, appFunction] of Object.entries(props.functions)) {
      if (!appFunction.onFailure) continue;
      this.add(`${name}-failures-not-empty`, {
        description: `The ${name} function failed on an event after Lambda's retries; the event and its error wait in its on-failure queue. Fix the cause, then redrive (docs/deploy.md).`,
        metric: depth(appFunction.onFailure),
        threshold: 0,
      });
    }
  }

  private functionAlarms(name: string, appFunction: AppFunction): void {
    const { fn, timeout } = appFunction;
    this.add(`${name}-errors`, {
      description: `The ${name} function failed 3 times or more in 15 minutes (unhandled error or timeout).`,
      metric: fn.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
      threshold: 3,
      atLeast: true,
    });
    this.add(`${name}-near-timeout`, {
      description: `An invocation of the ${name} function ran longer than 80 % of its ${timeout.toSeconds()} s timeout.`,
      metric: fn.metricDuration({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: timeout.toMilliseconds() * 0.8,
    });
    if (appFunction.onFailure) {
      // Reserved concurrency throttles a burst on purpose; what matters is how long events wait.
      this.add(`${name}-events-waiting`, {
        description: `Events for the ${name} function waited more than 15 minutes in Lambda's asynchronous queue (throttled by its reserved concurrency, or failing and retried): reminders are late.`,
        metric: new Metric({
          namespace: 'AWS/Lambda',
          metricName: 'AsyncEventAge',
          dimensionsMap: { FunctionName: fn.functionName },
          statistic: 'Maximum',
          period: Duration.minutes(5),
        }),
        threshold: Duration.minutes(15).toMilliseconds(),
      });
    } else {
      this.add(`${name}-throttles`, {
        description: `The ${name} function was throttled 5 times or more in 5 minutes (the account's concurrency is exhausted).`,
        metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 5,
        atLeast: true,
      });
    }
  }

  /** Scheduler, the table stream, the API and the table. */
  private serviceAlarms(props: StageAlarmsProps): void {
    this.add('scheduler-invocations-dropped', {
      description: `Scheduler dropped fires of the ${props.scheduleGroupName} group (the target could not be invoked and no dead-letter queue took them): reminders were lost. Run a sweep.`,
      metric: schedulerMetric('InvocationDroppedCount', props.scheduleGroupName, Duration.minutes(5)),
      threshold: 0,
    });
    this.add('scheduler-dlq-unreachable', {
      description: `Scheduler could not write failed fires of the ${props.scheduleGroupName} group to its dead-letter queue: they were lost. Check the queue and the Scheduler role.`,
      metric: schedulerMetric(
        'InvocationsFailedToBeSentToDeadLetterCount',
        props.scheduleGroupName,
        Duration.minutes(5),
      ),
      threshold: 0,
    });
    this.add('planner-stream-behind', {
      description: 'The planner is more than 10 minutes behind the table stream: schedules are late.',
      metric: new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensionsMap: { FunctionName: props.functions.planner.fn.functionName },
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      threshold: Duration.minutes(10).toMilliseconds(),
      evaluationPeriods: 2,
    });
    this.add('api-5xx', {
      description: 'The API answered 5 or more server errors (5xx) in 5 minutes. See the api function log.',
      metric: new Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensionsMap: { ApiId: props.httpApiId },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 5,
      atLeast: true,
    });
    for (const kind of ['Read', 'Write'] as const) {
      this.add(`table-${kind.toLowerCase()}-throttles`, {
        description: `DynamoDB throttled 10 or more ${kind.toLowerCase()}s of the table or its indexes in 5 minutes (on-demand burst limit): requests slow down or fail.`,
        metric: tableThrottles(props.table, kind),
        threshold: 10,
        atLeast: true,
      });
    }
  }

  /** The send path's own figures (Powertools EMF) and what SNS reports for SMS. */
  private sendAlarms(config: StageConfig): void {
    const failed = Object.fromEntries(
      channelSchema.options.map((channel) => [
        channel,
        emfMetric(config.stage, 'failed', channel, Duration.hours(1)),
      ]),
    );
    this.add('reminders-failed', {
      description:
        '5 or more reminders (SMS and e-mail) failed to send in an hour; they are retried, but a lasting cause (SNS quota, sender ID, topic key) needs a look.',
      metric: new MathExpression({
        expression: Object.keys(failed).join(' + '),
        usingMetrics: failed,
        period: Duration.hours(1),
        label: 'reminders failed',
      }),
      threshold: 5,
      atLeast: true,
    });
    this.add('window-drain-slow', {
      description:
        'A send window took more than 30 minutes to drain: SMS throughput (parts per second) is too low for the volume, or sends are failing.',
      metric: emfMetric(config.stage, 'drain', undefined, Duration.hours(1)).with({ statistic: 'Maximum' }),
      threshold: Duration.minutes(30).toSeconds(),
    });
    this.add('sms-delivery-failures', {
      description:
        '3 or more SMS deliveries failed in an hour (carrier rejection, unregistered sender ID, opted-out or invalid numbers). See the SNS delivery-status logs.',
      metric: smsMetric('NumberOfNotificationsFailed'),
      threshold: 3,
      atLeast: true,
    });
    this.add('sms-spend-near-limit', {
      description: `SMS spend this month passed 80% of the ${config.sms.monthlySpendLimitUsd} USD limit; at 100% SNS stops sending SMS.`,
      metric: new Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: config.sms.monthlySpendLimitUsd * 0.8,
    });
  }
}

/** Throttle events of the table and of each index, summed (at most ten metrics per alarm). */
function tableThrottles(table: ITable, kind: 'Read' | 'Write'): MathExpression {
  const metric = (index?: string) =>
    new Metric({
      namespace: 'AWS/DynamoDB',
      metricName: `${kind}ThrottleEvents`,
      dimensionsMap: { TableName: table.tableName, ...(index ? { GlobalSecondaryIndexName: index } : {}) },
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
  const usingMetrics: Record<string, IMetric> = { table: metric() };
  for (const [n, index] of tableSchema.globalSecondaryIndexes.entries())
    usingMetrics[`gsi${n}`] = metric(index.indexName);
  return new MathExpression({
    expression: Object.keys(usingMetrics).join(' + '),
    usingMetrics,
    period: Duration.minutes(5),
    label: `${kind.toLowerCase()} throttle events`,
  });
}
