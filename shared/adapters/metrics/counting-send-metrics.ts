import type { ReminderOutcome, SendMetrics } from '../../ports/metrics.ts';
import type { Channel } from '../../schemas/common.ts';

/**
 * The send metrics counted in memory: the local runtime, `simulate`, the bench and the tests read
 * the same figures the Lambda functions emit to CloudWatch.
 */
export class CountingSendMetrics implements SendMetrics {
  readonly counts: Record<ReminderOutcome, Record<Channel, number>> = {
    sent: { sms: 0, email: 0 },
    failed: { sms: 0, email: 0 },
    held: { sms: 0, email: 0 },
    resent: { sms: 0, email: 0 },
  };
  /** Every window drain time recorded, in seconds. */
  readonly drains: number[] = [];

  reminders(outcome: ReminderOutcome, channel: Channel, count = 1): void {
    this.counts[outcome][channel] += count;
  }

  windowDrained(seconds: number): void {
    this.drains.push(seconds);
  }

  flush(): void {}
}
