import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthTemplates, type Templates } from './support.ts';

describe('operations (dev)', () => {
  let dev: Templates;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation resource properties, read field by field
  let alarms: Record<string, { [key: string]: any }>;
  beforeAll(() => {
    dev = synthTemplates('dev');
    alarms = dev.statelessTemplate.findResources('AWS::CloudWatch::Alarm');
  });
  const alarmNamed = (name: string) =>
    Object.values(alarms).find((a) => a.Properties.AlarmName === name)?.Properties;

  it('alarms when either dead-letter queue holds a message', () => {
    for (const queue of ['scheduler', 'stream']) {
      expect(alarmNamed(`dondoc-dev-${queue}-dlq-not-empty`)).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('alarms on errors and throttles of every function', () => {
    for (const fn of ['api', 'planner', 'dispatcher', 'sweeper']) {
      expect(alarmNamed(`dondoc-dev-${fn}-errors`)).toMatchObject({
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
      });
      expect(alarmNamed(`dondoc-dev-${fn}-throttles`)).toMatchObject({ MetricName: 'Throttles' });
    }
  });

  it('alarms on failed SMS deliveries to phone numbers', () => {
    expect(alarmNamed('dondoc-dev-sms-delivery-failures')).toMatchObject({
      Namespace: 'AWS/SNS',
      MetricName: 'NumberOfNotificationsFailed',
      Dimensions: [{ Name: 'PhoneNumber', Value: 'PhoneNumberDirect' }],
      Threshold: 0,
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
    for (const alarm of Object.values(alarms)) {
      expect(alarm.Properties.AlarmActions).toEqual([
        { 'Fn::ImportValue': expect.stringMatching(/AlarmTopic/) },
      ]);
      expect(alarm.Properties.OKActions).toEqual(alarm.Properties.AlarmActions);
    }
  });

  it("counts reminders sent per channel from the senders' structured logs", () => {
    dev.statelessTemplate.resourcePropertiesCountIs(
      'AWS::Logs::MetricFilter',
      {
        FilterPattern: '{ $.message = "digest sent" }',
        MetricTransformations: [
          Match.objectLike({
            MetricNamespace: 'dondoc',
            MetricName: 'RemindersSent',
            MetricValue: '$.items',
            Dimensions: [{ Key: 'channel', Value: '$.channel' }],
          }),
        ],
      },
      2,
    );
  });

  it('draws the stage dashboard with reminders, failures and the schedule backlog', () => {
    const [dashboard] = Object.values(dev.statelessTemplate.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const title of ['Reminders sent by channel', 'Failures', 'Schedule backlog'])
      expect(body).toContain(title);
  });
});

describe('operations (prod)', () => {
  it('scales the SMS spend alarm with the prod limit', () => {
    const prod = synthTemplates('prod');
    prod.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'dondoc-prod-sms-spend-near-limit',
      Threshold: 240,
    });
  });
});
