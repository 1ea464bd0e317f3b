import type { Letterhead } from '../domain/letter.ts';
import type { Clock } from '../ports/clock.ts';
import type { DigestQueue } from '../ports/digest-queue.ts';
import type { LetterStore } from '../ports/letters.ts';
import type { LinkStore } from '../ports/links.ts';
import type { EmailSubscriptions, Notifier } from '../ports/notifier.ts';
import type { ReminderScheduler } from '../ports/reminder-scheduler.ts';
import type { Store } from '../ports/store.ts';

/** Plain settings the use cases need (parsed from the environment in AWS, from flags locally). */
export interface EngineSettings {
  stage: string;
  /** The provincial office's unit id (audience `office`, top of escalation). */
  officeUnitId: string;
  /** Language of reminder texts. */
  lang: 'vi' | 'en';
  /** How late a check may be before the daily sweep dispatches it itself. */
  sweepGraceMinutes: number;
  /** Issuer, place and signer of the formal reminder letter (default: `defaultLetterhead`). */
  letterhead?: Letterhead;
  /** Where personal links point: the console's public address (`<linkBase>/l/<code>`). */
  linkBase?: string;
}

/** What a handler needs; one composition root builds it for AWS, another for the local runtime, tests build fakes. */
export interface Dependencies {
  store: Store;
  scheduler: ReminderScheduler;
  notifier: Notifier;
  subscriptions: EmailSubscriptions;
  clock: Clock;
  settings: EngineSettings;
  /**
   * Per-recipient digests (engine, issue 3). Optional so composition roots need not change: when
   * absent, shared/composition/engine.ts builds the DynamoDB one from a DynamoStore.
   */
  digests?: DigestQueue;
  /** Drafted letters (issue 14); when absent, built on the DynamoStore's table (table-stores.ts). */
  letters?: LetterStore;
  /** Personal links (issue 14); built like `letters` when absent. */
  links?: LinkStore;
}
