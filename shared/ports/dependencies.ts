import type { Letterhead } from '../domain/letter.ts';
import type { Clock } from './clock.ts';
import type { DigestQueue } from './digest-queue.ts';
import type { LetterStore } from './letters.ts';
import type { LinkSecret, LinkStore } from './links.ts';
import type { SendMetrics } from './metrics.ts';
import type { EmailSubscriptions, Notifier } from './notifier.ts';
import type { DeliveryReceipts } from './receipts.ts';
import type { ReminderScheduler } from './reminder-scheduler.ts';
import type { Store } from './store.ts';

/** Plain settings the use cases need (parsed from the environment in AWS, from flags locally). */
export interface EngineSettings {
  stage: string;
  /** The provincial office's unit id (audience `office`, top of escalation). */
  officeUnitId: string;
  /** Language of reminder texts. */
  lang: 'vi' | 'en';
  /** How late a check may be before the daily sweep dispatches it itself. */
  sweepGraceMinutes: number;
  /**
   * The SMS sender ID's budget in message parts per second (AWS End User Messaging SMS throttles
   * above it): the window drain paces its sends to it.
   */
  smsPartsPerSecond: number;
  /** Issuer, place and signer of the formal reminder letter (default: `defaultLetterhead`). */
  letterhead?: Letterhead;
  /** Where personal links point: the console's public address (`<linkBase>/l/<code>`). */
  linkBase?: string;
}

/**
 * Every port a use case may need. One composition root builds them for AWS (per function: only
 * what that function uses), another for the local runtime; tests build fakes. Use cases and
 * handlers ask for the part they use (`Pick<Dependencies, …>`), never for the adapters.
 */
export interface Dependencies {
  store: Store;
  scheduler: ReminderScheduler;
  notifier: Notifier;
  subscriptions: EmailSubscriptions;
  /** Per-recipient digests (engine, issue 3). */
  digests: DigestQueue;
  /** Drafted formal reminder letters (issue 14). */
  letters: LetterStore;
  /** Personal one-tap links, what was done through them, and their rate limits (issue 14). */
  links: LinkStore;
  /** The key each message's link code is derived from (the send path's links are idempotent). */
  linkSecret: LinkSecret;
  /** Carrier receipts of SMS, matched to the reminder log by SNS message id (issue 14). */
  receipts: DeliveryReceipts;
  /** Business figures of the send path: EMF metrics in AWS, counted in memory locally and in tests. */
  metrics: SendMetrics;
  clock: Clock;
  settings: EngineSettings;
}

/** The HTTP API's ports: the table, email subscriptions of unit topics, the clock and the settings. */
export type ApiDependencies = Pick<
  Dependencies,
  'store' | 'subscriptions' | 'letters' | 'links' | 'clock' | 'settings'
>;

/** The stream planner's ports: the table, the scheduler and the clock. */
export type PlannerDependencies = Pick<Dependencies, 'store' | 'scheduler' | 'clock' | 'settings'>;

/** The dispatcher's ports: all but email subscriptions. */
export type DispatcherDependencies = Omit<Dependencies, 'subscriptions'>;

/** The receipts function's ports: the table (reminder log, units), the receipts, email publishing. */
export type ReceiptsDependencies = Pick<
  Dependencies,
  'store' | 'receipts' | 'notifier' | 'clock' | 'settings' | 'links'
>;
