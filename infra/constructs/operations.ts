import { Duration } from 'aws-cdk-lib';
import {
  type Alarm,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ReminderOutcome } from '../../shared/ports/metrics.ts';
import { channelSchema } from '../../shared/schemas/common.ts';
import { StageAlarms, type StageAlarmsProps } from './alarms.ts';
import { emfMetric, schedulerMetric, smsMetric } from './metrics.ts';

export type OperationsProps = StageAlarmsProps;

/**
 * The stage's alarms (see StageAlarms) and its dashboard: reminders by outcome and channel (the
 * send path's Powertools metrics), failures, the schedule backlog, SMS delivery and spend, API traffic.
 */
export class Operations extends Construct {
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { config } = props;
    this.alarms = new StageAlarms(this, 'Alarms', props).alarms;
    const hour = Duration.hours(1);
    const byChannel = (outcome: ReminderOutcome) =>
      channelSchema.options.map((channel) => emfMetric(config.stage, outcome, channel, hour));
    const smsFailed = smsMetric('NumberOfNotificationsFailed');
    const smsDelivered = smsMetric('NumberOfNotificationsDelivered');
    const queueDepth = (label: string, queue: IQueue) =>
      queue.metricApproximateNumberOfMessagesVisible({ label, statistic: 'Maximum' });
    const apiMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.httpApiId },
        statistic: 'Sum',
        period: hour,
      });

    new Dashboard(this, 'Dashboard', {
      dashboardName: `dondoc-${config.stage}`,
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new TextWidget({
            markdown: `# dondoc ${config.stage} — ${config.province}\nReminders, failures and backlog. Alarms go to ${config.alarmEmail}.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Reminders by outcome and channel',
            left: [...byChannel('sent'), ...byChannel('held'), ...byChannel('resent')],
            right: [emfMetric(config.stage, 'drain', undefined, hour)],
            width: 12,
          }),
          new GraphWidget({
            title: 'Failures',
            left: [
              ...byChannel('failed'),
              smsFailed.with({ label: 'SNS SMS delivery failed' }),
              ...Object.entries(props.functions).map(([name, f]) =>
                f.fn.metricErrors({ period: hour, label: `${name} errors` }),
              ),
              apiMetric('5xx').with({ label: 'API 5xx' }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Schedule backlog',
            left: [
              ...Object.entries(props.deadLetterQueues).map(([name, q]) =>
                queueDepth(`${name} DLQ depth`, q),
              ),
              ...Object.entries(props.functions).flatMap(([name, f]) =>
                f.onFailure ? [queueDepth(`${name} on-failure depth`, f.onFailure)] : [],
              ),
              schedulerMetric('TargetErrorCount', props.scheduleGroupName, hour),
              schedulerMetric('InvocationDroppedCount', props.scheduleGroupName, hour),
            ],
            right: [
              new Metric({
                namespace: 'AWS/Lambda',
                metricName: 'IteratorAge',
                dimensionsMap: { FunctionName: props.functions.planner.fn.functionName },
                statistic: 'Maximum',
                period: Duration.minutes(5),
                label: 'planner stream iterator age (ms)',
              }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Schedules fired and SMS delivery',
            left: [
              schedulerMetric('InvocationAttemptCount', props.scheduleGroupName, hour),
              smsDelivered.with({ label: 'SMS delivered' }),
            ],
            right: [
              new MathExpression({
                expression: '100 * delivered / (delivered + failed)',
                usingMetrics: { delivered: smsDelivered, failed: smsFailed },
                label: 'SMS delivery rate %',
                period: hour,
              }),
            ],
            width: 12,
          }),
        ],
        [
          new SingleValueWidget({
            title: 'SMS spend this month (USD)',
            metrics: [
              new Metric({
                namespace: 'AWS/SNS',
                metricName: 'SMSMonthToDateSpentUSD',
                statistic: 'Maximum',
                period: hour,
              }),
            ],
            width: 6,
          }),
          new GraphWidget({
            title: 'API requests and 5xx',
            left: [apiMetric('Count'), apiMetric('5xx')],
            width: 18,
          }),
        ],
      ],
    });
  }
}
