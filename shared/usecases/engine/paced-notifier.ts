import { smsInfo } from '#domain/sms';
import { type Clock, sleepOn } from '#ports/clock';
import {
  type EmailMessage,
  type Notifier,
  type SendResult,
  type SmsMessage,
  ThrottledSendError,
} from '#ports/notifier';
import { logger } from '#shared/logger';

/** First pause after a throttle; doubles on each throttle in a row, up to `MAX_BACKOFF_MS`. */
export const FIRST_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 30_000;

/**
 * The SMS sender's budget: AWS End User Messaging SMS accepts a fixed number of message parts
 * per second per origination identity (sender ID), so every SMS waits for its parts' slot: at
 * least `parts ÷ partsPerSecond` seconds after the previous one, AND never more than
 * `partsPerSecond` parts in any one second (a sliding second, as the sender counts: spacing alone
 * lets three 2-part messages 400 ms apart fall in one second at 5 parts/s, which is throttled).
 * A message longer than the budget goes alone in its second. One pacer per drain: the window drain
 * is the only bulk sender, so its rate is the sender ID's rate.
 */
export class SmsPacer {
  #nextFreeMs = 0;
  /** Parts booked in the last second, oldest first. */
  #booked: { ms: number; parts: number }[] = [];

  constructor(
    private readonly partsPerSecond: number,
    private readonly clock: Clock,
  ) {
    if (!(partsPerSecond > 0)) throw new RangeError('partsPerSecond must be positive');
  }

  /** Waits until `parts` may go, and books them. */
  async take(parts: number): Promise<void> {
    const now = this.clock.now().getTime();
    const slot = this.#fit(Math.max(now, this.#nextFreeMs), parts);
    // Whole milliseconds, rounded up: clocks count in ms, and the budget must never be exceeded.
    this.#nextFreeMs = slot + Math.ceil((parts * 1000) / this.partsPerSecond);
    this.#booked.push({ ms: slot, parts });
    await sleepOn(this.clock, slot - now);
  }

  /** The first instant from `from` at which the second ending there has room for `parts`. */
  #fit(from: number, parts: number): number {
    this.#booked = this.#booked.filter((b) => b.ms > from - 1000);
    let used = this.#booked.reduce((sum, b) => sum + b.parts, 0);
    let slot = from;
    for (const b of this.#booked) {
      if (used === 0 || used + parts <= this.partsPerSecond) break;
      used -= b.parts;
      slot = Math.max(slot, b.ms + 1000); // once b is out of the second
    }
    return slot;
  }

  /** Holds every later send for `ms` (after a throttle: the sender is over its real limit). */
  pause(ms: number): void {
    this.#nextFreeMs = Math.max(this.#nextFreeMs, this.clock.now().getTime() + ms);
  }
}

export interface PacedNotifierOptions {
  pacer: SmsPacer;
  clock: Clock;
  /** No retry is started that would wait past this instant: the throttle is then thrown (retried later). */
  deadline: Date;
}

/**
 * A notifier that paces SMS and retries throttles. A throttle means the message was refused, not
 * accepted, so retrying it cannot send twice; it is retried with exponential backoff inside the
 * pacing and never counted as a failure. Other errors pass through unchanged (the digest records
 * them). Emails are not counted in SMS parts but get the same throttle handling.
 */
export class PacedNotifier implements Notifier {
  /** Throttles met (and retried) so far. */
  throttled = 0;

  constructor(
    private readonly inner: Notifier,
    private readonly o: PacedNotifierOptions,
  ) {}

  sendSms(message: SmsMessage): Promise<SendResult> {
    const parts = smsInfo(message.text).segments;
    return this.retryThrottles(async () => {
      await this.o.pacer.take(parts);
      return this.inner.sendSms(message);
    });
  }

  sendEmail(message: EmailMessage): Promise<SendResult> {
    return this.retryThrottles(() => this.inner.sendEmail(message));
  }

  private async retryThrottles(send: () => Promise<SendResult>): Promise<SendResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof ThrottledSendError)) throw error;
        this.throttled++;
        const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS);
        if (this.o.clock.now().getTime() + backoff >= this.o.deadline.getTime()) throw error;
        logger.info('sms throttled, backing off', { attempt: attempt + 1, backoffMs: backoff });
        this.o.pacer.pause(backoff);
        await sleepOn(this.o.clock, backoff);
      }
    }
  }
}
