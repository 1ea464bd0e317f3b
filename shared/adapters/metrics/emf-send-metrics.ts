import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  METRICS_NAMESPACE,
  ReminderMetric,
  type ReminderOutcome,
  type SendMetrics,
  serviceName,
  WINDOW_DRAIN_METRIC,
} from '../../ports/metrics.ts';
import type { Channel } from '../../schemas/common.ts';

/**
 * The send metrics as CloudWatch Embedded Metric Format log lines (Powertools Metrics): counts are
 * added up during an invocation and written by `flush()`, one EMF line per channel (dimensions
 * `service` and `channel`) and one for the window drain time (dimension `service`).
 */
export class EmfSendMetrics implements SendMetrics {
  #counts = new Map<Channel, Map<ReminderOutcome, number>>();
  #drains: number[] = [];

  constructor(private readonly stage: string) {}

  reminders(outcome: ReminderOutcome, channel: Channel, count = 1): void {
    const byOutcome = this.#counts.get(channel) ?? new Map<ReminderOutcome, number>();
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + count);
    this.#counts.set(channel, byOutcome);
  }

  windowDrained(seconds: number): void {
    this.#drains.push(seconds);
  }

  flush(): void {
    for (const [channel, byOutcome] of this.#counts) {
      const metrics = this.metrics();
      metrics.addDimension('channel', channel);
      for (const [outcome, count] of byOutcome)
        metrics.addMetric(ReminderMetric[outcome], MetricUnit.Count, count);
      metrics.publishStoredMetrics();
    }
    if (this.#drains.length > 0) {
      const metrics = this.metrics();
      for (const seconds of this.#drains) metrics.addMetric(WINDOW_DRAIN_METRIC, MetricUnit.Seconds, seconds);
      metrics.publishStoredMetrics();
    }
    this.#counts = new Map();
    this.#drains = [];
  }

  private metrics(): Metrics {
    return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: serviceName(this.stage) });
  }
}
