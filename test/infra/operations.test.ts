import { beforeAll, describe, expect, it } from 'vitest';
import { tableSchema } from '../../shared/adapters/dynamodb/table-schema.ts';
import { METRICS_NAMESPACE, ReminderMetric, WINDOW_DRAIN_METRIC } from '../../shared/ports/metrics.ts';
import { fromStateful, synthTemplates, type Templates } from './support.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resource properties, read field by field
type Props = Record<string, any>;

describe('operations (dev)', () => {
  let dev: Templates;
  let alarms: Props[];
  beforeAll(() => {
    dev = synthTemplates('dev');
    alarms = Object.values(dev.statelessTemplate.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties,
    );
  }, 180_000);
  const alarmNamed = (name: string): Props => {
    const found = alarms.find((a) => a.AlarmName === name);
    if (!found) throw new Error(`no alarm ${name}`);
    return found;
  };
  const dimensions = (metric: Props) =>
    Object.fromEntries((metric.Dimensions as Props[]).map((d) => [d.Name, d.Value]));
  /** The metrics of a metric-math alarm, by their id. */
  const mathMetrics = (alarm: Props): Props[] =>
    (alarm.Metrics as Props[]).filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric);

  it('alarms on the first message in either dead-letter queue and in each on-failure queue', () => {
    for (const [name, queue] of [
      ['scheduler-dlq-not-empty', /SchedulerDlq.*QueueName/],
      ['stream-dlq-not-empty', /StreamDlq.*QueueName/],
      ['dispatcher-failures-not-empty', /DispatcherFailureQueue.*QueueName/],
      ['sweeper-failures-not-empty', /SweeperFailureQueue.*QueueName/],
      ['receipts-failures-not-empty', /ReceiptsFailureQueue.*QueueName/],
    ] as const) {
      expect(alarmNamed(`dondoc-dev-${name}`)).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: fromStateful(queue) }],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms on 3 or more errors of any function in 15 minutes, not on a single one', () => {
    for (const fn of ['api', 'planner', 'dispatcher', 'sweeper', 'receipts']) {
      expect(alarmNamed(`dondoc-dev-${fn}-errors`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Period: 900,
        Threshold: 3,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('alarms when a function runs longer than 80 % of its own timeout', () => {
    for (const fn of ['api', 'planner', 'dispatcher', 'sweeper', 'receipts'] as const) {
      // Prepare
      const timeoutMs = dev.stateless[fn].timeout.toMilliseconds();
      // Assess
      expect(timeoutMs).toBeGreaterThan(0);
      expect(alarmNamed(`dondoc-dev-${fn}-near-timeout`)).toMatchObject({
        MetricName: 'Duration',
        Statistic: 'Maximum',
        Threshold: timeoutMs * 0.8,
      });
    }
  });

  it('alarms on throttles of the unreserved functions and on late events of the reserved send path', () => {
    for (const fn of ['api', 'planner']) {
      expect(alarmNamed(`dondoc-dev-${fn}-throttles`)).toMatchObject({
        MetricName: 'Throttles',
        Threshold: 5,
      });
    }
    for (const fn of ['dispatcher', 'sweeper', 'receipts']) {
      expect(alarmNamed(`dondoc-dev-${fn}-events-waiting`)).toMatchObject({
        MetricName: 'AsyncEventAge',
        Statistic: 'Maximum',
        Threshold: 15 * 60 * 1000,
      });
      expect(alarms.map((a) => a.AlarmName)).not.toContain(`dondoc-dev-${fn}-throttles`);
    }
  });

  it('alarms on every Scheduler fire of the stage group that was dropped or could not reach the dead-letter queue', () => {
    for (const [name, metric] of [
      ['scheduler-invocations-dropped', 'InvocationDroppedCount'],
      ['scheduler-dlq-unreachable', 'InvocationsFailedToBeSentToDeadLetterCount'],
    ]) {
      expect(alarmNamed(`dondoc-dev-${name}`)).toMatchObject({
        Namespace: 'AWS/Scheduler',
        MetricName: metric,
        Dimensions: [{ Name: 'ScheduleGroup', Value: 'dondoc-dev' }],
        Threshold: 0,
      });
    }
  });

  it('alarms on 5 or more API server errors in 5 minutes', () => {
    expect(alarmNamed('dondoc-dev-api-5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Period: 300,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms on DynamoDB throttles of the table and of every index', () => {
    for (const kind of ['Read', 'Write']) {
      // Act
      const metrics = mathMetrics(alarmNamed(`dondoc-dev-table-${kind.toLowerCase()}-throttles`));
      // Assess
      expect(metrics.map((m) => m.MetricName)).toEqual(
        Array(1 + tableSchema.globalSecondaryIndexes.length).fill(`${kind}ThrottleEvents`),
      );
      expect(
        metrics.map((m) => m.Dimensions.find((d: Props) => d.Name === 'GlobalSecondaryIndexName')?.Value),
      ).toEqual([undefined, ...tableSchema.globalSecondaryIndexes.map((index) => index.indexName)]);
    }
  });

  it("alarms on failed reminders of both channels from the send path's Powertools metrics", () => {
    // Act
    const metrics = mathMetrics(alarmNamed('dondoc-dev-reminders-failed'));
    // Assess
    expect(metrics.map((m) => [m.Namespace, m.MetricName, dimensions(m)])).toEqual([
      [METRICS_NAMESPACE, ReminderMetric.failed, { service: 'dondoc-dev', channel: 'sms' }],
      [METRICS_NAMESPACE, ReminderMetric.failed, { service: 'dondoc-dev', channel: 'email' }],
    ]);
  });

  it('alarms when a send window takes more than 30 minutes to drain', () => {
    // Act
    const alarm = alarmNamed('dondoc-dev-window-drain-slow');
    // Assess
    expect(mathMetrics(alarm).map((m) => [m.Namespace, m.MetricName, dimensions(m)])).toEqual([
      [METRICS_NAMESPACE, WINDOW_DRAIN_METRIC, { service: 'dondoc-dev' }],
    ]);
    expect(alarm.Metrics[0].MetricStat.Stat).toBe('Maximum');
    expect(alarm.Threshold).toBe(1800);
  });

  it('counts nothing from log text', () => {
    dev.statelessTemplate.resourceCountIs('AWS::Logs::MetricFilter', 0);
  });

  it('alarms on 3 or more failed SMS deliveries to phone numbers in an hour', () => {
    expect(alarmNamed('dondoc-dev-sms-delivery-failures')).toMatchObject({
      Namespace: 'AWS/SNS',
      MetricName: 'NumberOfNotificationsFailed',
      Dimensions: [{ Name: 'PhoneNumber', Value: 'PhoneNumberDirect' }],
      Threshold: 3,
    });
  });

  it('alarms when the month-to-date SMS spend passes 80 % of the stage limit', () => {
    expect(alarmNamed('dondoc-dev-sms-spend-near-limit')).toMatchObject({
      Namespace: 'AWS/SNS',
      MetricName: 'SMSMonthToDateSpentUSD',
      Threshold: 0.8,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('sends every alarm and its recovery to the alarm topic', () => {
    expect(alarms.length).toBeGreaterThan(20);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([fromStateful(/AlarmTopic/)]);
      expect(alarm.OKActions).toEqual(alarm.AlarmActions);
    }
  });

  it('draws the stage dashboard from the send metrics, failures and the schedule backlog', () => {
    const [dashboard] = Object.values(dev.statelessTemplate.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const text of [
      'Reminders by outcome and channel',
      'Failures',
      'Schedule backlog',
      METRICS_NAMESPACE,
    ])
      expect(body).toContain(text);
    for (const metric of [...Object.values(ReminderMetric), WINDOW_DRAIN_METRIC])
      expect(body).toContain(metric);
  });
});

describe('operations (prod)', { timeout: 120_000 }, () => {
  it('scales the SMS spend alarm with the prod limit', () => {
    const prod = synthTemplates('prod');
    prod.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'dondoc-prod-sms-spend-near-limit',
      Threshold: 240,
    });
  });
});
