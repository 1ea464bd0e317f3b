import type { Channel } from '../schemas/common.ts';

/**
 * Business figures of the send path, emitted as CloudWatch metrics in Embedded Metric Format
 * (Powertools for AWS Lambda Metrics) and alarmed on by infra/constructs/operations.ts. The names
 * are a contract between the engine and the alarms: change them in both places.
 */
export const METRICS_NAMESPACE = 'Dondoc';

/** Count metrics, each with the dimension `channel` (`sms` | `email`) besides `service`. */
export const ReminderMetric = {
  sent: 'RemindersSent',
  failed: 'RemindersFailed',
  held: 'RemindersHeld',
  resent: 'RemindersResent',
} as const;
export type ReminderOutcome = keyof typeof ReminderMetric;

/** Seconds from a send window's opening to its last send (dimension `service` only). */
export const WINDOW_DRAIN_METRIC = 'WindowDrainSeconds';

/** The one dimension every dondoc metric carries besides `channel`: `dondoc-<stage>`. */
export const serviceName = (stage: string): string => `dondoc-${stage}`;

export interface SendMetrics {
  /** Counts `count` reminders with this outcome on this channel. */
  reminders(outcome: ReminderOutcome, channel: Channel, count?: number): void;
  /** Records how long a window took to drain. */
  windowDrained(seconds: number): void;
  /** Writes what was counted (one EMF log line per dimension set); a no-op when nothing was. */
  flush(): void;
}
