import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import {
  METRICS_NAMESPACE,
  ReminderMetric,
  type ReminderOutcome,
  serviceName,
  WINDOW_DRAIN_METRIC,
} from '../../shared/ports/metrics.ts';
import type { Channel } from '../../shared/schemas/common.ts';

/**
 * A business metric the send path emits with Powertools (EMF), with exactly the dimensions it
 * writes: `service` = `dondoc-<stage>`, plus `channel` on reminder counts. `drain` is the window
 * drain time in seconds (average by default; alarms take the maximum).
 */
export function emfMetric(
  stage: string,
  what: ReminderOutcome | 'drain',
  channel: Channel | undefined,
  period: Duration,
): Metric {
  const drain = what === 'drain';
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: drain ? WINDOW_DRAIN_METRIC : ReminderMetric[what],
    dimensionsMap: { service: serviceName(stage), ...(channel ? { channel } : {}) },
    statistic: drain ? 'Average' : 'Sum',
    period,
    label: drain ? 'window drain (s)' : `${what} ${channel ?? ''}`.trim(),
  });
}

/** An AWS/Scheduler count for one schedule group. */
export function schedulerMetric(metricName: string, scheduleGroupName: string, period: Duration): Metric {
  return new Metric({
    namespace: 'AWS/Scheduler',
    metricName,
    dimensionsMap: { ScheduleGroup: scheduleGroupName },
    statistic: 'Sum',
    period,
  });
}

/** An hourly SNS count for SMS sent straight to phone numbers (`PhoneNumber=PhoneNumberDirect`). */
export function smsMetric(metricName: string): Metric {
  return new Metric({
    namespace: 'AWS/SNS',
    metricName,
    dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' },
    statistic: 'Sum',
    period: Duration.hours(1),
  });
}
