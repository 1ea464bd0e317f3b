import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.ts';
import type { AppFunction } from './app-function.ts';

/** Namespace of the metrics extracted from the functions' structured logs. */
export const metricsNamespace = 'dondoc';

export interface OperationsProps {
  readonly config: StageConfig;
  readonly alarmTopic: Topic;
  readonly functions: Readonly<Record<'api' | 'planner' | 'dispatcher' | 'sweeper', AppFunction>>;
  readonly deadLetterQueues: Readonly<Record<'scheduler' | 'stream', Queue>>;
  readonly scheduleGroupName: string;
  readonly httpApiId: string;
}

/**
 * Alarms (to the alarm topic) and the stage dashboard.
 *
 * Reminder counts come from metric filters on the Powertools JSON logs of the dispatcher and the
 * sweeper (both send digests): a line `{"message":"digest sent","channel":"sms"|"email","items":N,...}`
 * adds its N reminders to `dondoc/RemindersSent{channel}`, `"digest failed"` to
 * `dondoc/ReminderFailures{channel}`. Log lines
 * rather than EMF keep the handlers free of metrics code and cost nothing extra per send.
 */
export class Operations extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { config } = props;
    const prefix = `dondoc-${config.stage}`;
    const action = new SnsAction(props.alarmTopic);
    const alarm = (alarmId: string, alarmProps: ConstructorParameters<typeof Alarm>[2]) => {
      const created = new Alarm(this, alarmId, {
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...alarmProps,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(`${name}DlqNotEmpty`, {
        alarmName: `${prefix}-${name}-dlq-not-empty`,
        alarmDescription: `Messages in the ${name} dead-letter queue: reminders or plan changes were dropped. Inspect and redrive.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    for (const [name, appFunction] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, {
        alarmName: `${prefix}-${name}-errors`,
        alarmDescription: `The ${name} function failed (unhandled error or timeout).`,
        metric: appFunction.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
      alarm(`${name}Throttles`, {
        alarmName: `${prefix}-${name}-throttles`,
        alarmDescription: `The ${name} function was throttled (account concurrency exhausted).`,
        metric: appFunction.fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    const plannerIteratorAge = new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensionsMap: { FunctionName: props.functions.planner.fn.functionName },
      statistic: 'Maximum',
      period: Duration.minutes(5),
    });
    alarm('PlannerStreamBehind', {
      alarmName: `${prefix}-planner-stream-behind`,
      alarmDescription: 'The planner is more than 10 minutes behind the table stream: schedules are late.',
      metric: plannerIteratorAge,
      threshold: Duration.minutes(10).toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    });

    // SMS sent straight to phone numbers are reported under PhoneNumber=PhoneNumberDirect.
    const smsMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SNS',
        metricName,
        dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const smsFailed = smsMetric('NumberOfNotificationsFailed');
    const smsDelivered = smsMetric('NumberOfNotificationsDelivered');
    alarm('SmsDeliveryFailures', {
      alarmName: `${prefix}-sms-delivery-failures`,
      alarmDescription:
        'SMS deliveries failed in the last hour (carrier rejection, unregistered sender ID, opted-out or invalid numbers). See the SNS delivery-status logs.',
      metric: smsFailed,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    const smsSpend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    alarm('SmsSpendNearLimit', {
      alarmName: `${prefix}-sms-spend-near-limit`,
      alarmDescription: `SMS spend this month passed 80% of the ${config.sms.monthlySpendLimitUsd} USD limit; at 100% SNS stops sending SMS.`,
      metric: smsSpend,
      threshold: config.sms.monthlySpendLimitUsd * 0.8,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });

    const senders = [props.functions.dispatcher, props.functions.sweeper];
    for (const [index, sender] of senders.entries()) {
      for (const [message, metricName] of [
        ['digest sent', 'RemindersSent'],
        ['digest failed', 'ReminderFailures'],
      ] as const) {
        new MetricFilter(this, `${metricName}Filter${index}`, {
          logGroup: sender.logGroup,
          filterPattern: FilterPattern.stringValue('$.message', '=', message),
          metricNamespace: metricsNamespace,
          metricName,
          metricValue: '$.items',
          dimensions: { channel: '$.channel' },
        });
      }
    }
    const byChannel = (metricName: string, channel: string) =>
      new Metric({
        namespace: metricsNamespace,
        metricName,
        dimensionsMap: { channel },
        statistic: 'Sum',
        period: Duration.hours(1),
        label: `${metricName} ${channel}`,
      });

    const dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: prefix,
      defaultInterval: Duration.days(7),
    });
    const schedulerMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/Scheduler',
        metricName,
        dimensionsMap: { ScheduleGroup: props.scheduleGroupName },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    dashboard.addWidgets(
      new TextWidget({
        markdown: `# dondoc ${config.stage} — ${config.province}\nReminders, failures and backlog. Alarms go to ${config.alarmEmail}.`,
        width: 24,
        height: 2,
      }),
      new GraphWidget({
        title: 'Reminders sent by channel',
        left: [byChannel('RemindersSent', 'sms'), byChannel('RemindersSent', 'email')],
        width: 12,
      }),
      new GraphWidget({
        title: 'Failures',
        left: [
          byChannel('ReminderFailures', 'sms'),
          byChannel('ReminderFailures', 'email'),
          smsFailed.with({ label: 'SNS SMS delivery failed' }),
          ...Object.entries(props.functions).map(([name, f]) =>
            f.fn.metricErrors({ period: Duration.hours(1), label: `${name} errors` }),
          ),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Schedule backlog',
        left: [
          ...Object.entries(props.deadLetterQueues).map(([name, q]) =>
            q.metricApproximateNumberOfMessagesVisible({ label: `${name} DLQ depth`, statistic: 'Maximum' }),
          ),
          schedulerMetric('TargetErrorCount'),
          schedulerMetric('InvocationDroppedCount'),
        ],
        right: [plannerIteratorAge.with({ label: 'planner stream iterator age (ms)' })],
        width: 12,
      }),
      new GraphWidget({
        title: 'Schedules fired and SMS delivery',
        left: [schedulerMetric('InvocationAttemptCount'), smsDelivered.with({ label: 'SMS delivered' })],
        right: [
          new MathExpression({
            expression: '100 * delivered / (delivered + failed)',
            usingMetrics: { delivered: smsDelivered, failed: smsFailed },
            label: 'SMS delivery rate %',
            period: Duration.hours(1),
          }),
        ],
        width: 12,
      }),
      new SingleValueWidget({
        title: 'SMS spend this month (USD)',
        metrics: [smsSpend],
        width: 6,
      }),
      new GraphWidget({
        title: 'API requests and 5xx',
        left: [
          new Metric({
            namespace: 'AWS/ApiGateway',
            metricName: 'Count',
            dimensionsMap: { ApiId: props.httpApiId },
            statistic: 'Sum',
            period: Duration.hours(1),
          }),
          new Metric({
            namespace: 'AWS/ApiGateway',
            metricName: '5xx',
            dimensionsMap: { ApiId: props.httpApiId },
            statistic: 'Sum',
            period: Duration.hours(1),
          }),
        ],
        width: 18,
      }),
    );
  }
}
