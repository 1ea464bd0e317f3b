import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '#ports/clock';
import {
  type EmailMessage,
  type Notifier,
  type SendResult,
  type SmsMessage,
  ThrottledSendError,
} from '#ports/notifier';

/** Who a phone number or address belongs to (the outbox names unit and contact on every line). */
export interface Recipient {
  unitId: string;
  contactId: string;
  name: string;
}

export interface RecipientDirectory {
  byPhone(phone: string): Promise<Recipient | undefined>;
  byEmail(email: string): Promise<Recipient | undefined>;
}

/** One delivered message, as written to `<data>/outbox/<id>.json`. */
export interface OutboxMessage {
  id: string;
  at: string;
  channel: 'sms' | 'email';
  unitId: string;
  contactId: string | null;
  /** E.164 phone or email address. */
  to: string;
  subject?: string;
  text: string;
  /** SMS segments (0 for email). */
  segments: number;
  encoding?: string;
}

export interface OutboxOptions {
  clock: Clock;
  directory: RecipientDirectory;
  /** Who receives a publish to a contact's topic (its confirmed subscriber). */
  confirmedAddresses: (topicArn: string) => Promise<string[]>;
  smsInfo: (text: string) => { segments: number; encoding: string };
  /** The outbox folder; without it messages are only kept in memory and passed to `onMessage`. */
  dir?: string;
  onMessage?: (message: OutboxMessage) => void;
  /**
   * The sender ID's limit in SMS message parts per second: an SMS that would put the last second
   * over it is refused with a throttle, as AWS End User Messaging SMS does. Absent: no limit.
   */
  partsPerSecond?: number;
  /** Called with each SMS sent (the simulated carrier's receipts). */
  onSms?: (messageId: string, phone: string) => void;
}

/**
 * SNS on one machine: every SMS and every email delivery becomes a JSON file in the outbox and
 * an `onMessage` call (the console line). An email to a contact's topic is delivered to each
 * confirmed subscriber, as SNS does.
 */
export class OutboxNotifier implements Notifier {
  #seq = 0;
  /** SMS accepted in the last second: when (ms) and how many parts. */
  #recent: { ms: number; parts: number }[] = [];
  readonly messages: OutboxMessage[] = [];
  /** SMS refused for rate. */
  throttled = 0;

  constructor(private readonly o: OutboxOptions) {}

  async sendSms(message: SmsMessage): Promise<SendResult> {
    const info = this.o.smsInfo(message.text);
    this.#admit(info.segments);
    const who = await this.o.directory.byPhone(message.phone);
    const id = await this.#write({
      channel: 'sms',
      unitId: who?.unitId ?? 'unknown',
      contactId: who?.contactId ?? null,
      to: message.phone,
      text: message.text,
      segments: info.segments,
      encoding: info.encoding,
    });
    this.o.onSms?.(id, message.phone);
    return { messageId: id };
  }

  async sendEmail(message: EmailMessage): Promise<SendResult> {
    const addresses = await this.o.confirmedAddresses(message.topicArn);
    const id = this.#nextId('email');
    for (const address of addresses) {
      const who = await this.o.directory.byEmail(address);
      await this.#write(
        {
          channel: 'email',
          unitId: message.unitId,
          contactId: who?.contactId ?? null,
          to: address,
          subject: message.subject,
          text: message.body,
          segments: 0,
        },
        `${id}-${this.#seq++}`,
      );
    }
    return { messageId: id };
  }

  /** Books `parts` in the sliding second, or throws a throttle when that would exceed the rate. */
  #admit(parts: number): void {
    if (this.o.partsPerSecond === undefined) return;
    const now = this.o.clock.now().getTime();
    this.#recent = this.#recent.filter((s) => s.ms > now - 1000);
    const used = this.#recent.reduce((sum, s) => sum + s.parts, 0);
    if (used + parts > this.o.partsPerSecond) {
      this.throttled++;
      throw new ThrottledSendError(
        `SNS sms failed: Throttled: over ${this.o.partsPerSecond} message parts per second`,
      );
    }
    this.#recent.push({ ms: now, parts });
  }

  #nextId(channel: string): string {
    const at = this.o.clock.now().toISOString().replace(/[:.]/g, '-');
    return `${at}-${String(this.#seq++).padStart(6, '0')}-${channel}`;
  }

  async #write(fields: Omit<OutboxMessage, 'id' | 'at'>, id = this.#nextId(fields.channel)): Promise<string> {
    const message: OutboxMessage = { id, at: this.o.clock.now().toISOString(), ...fields };
    if (this.o.dir) {
      await mkdir(this.o.dir, { recursive: true });
      await writeFile(join(this.o.dir, `${id}.json`), `${JSON.stringify(message, null, 2)}\n`);
    }
    this.messages.push(message);
    this.o.onMessage?.(message);
    return id;
  }
}

/** The console line of an outbox message. */
export function outboxLine(m: OutboxMessage, localTime: (at: string) => string): string {
  const who = `${m.unitId}${m.contactId ? `/${m.contactId}` : ''}`;
  const size = m.channel === 'sms' ? ` ${m.segments} seg ${m.encoding ?? ''}`.trimEnd() : '';
  const text = m.channel === 'email' ? `${m.subject ?? ''} — ${m.text.split('\n')[0]}` : m.text;
  return `${localTime(m.at)} ${m.channel.toUpperCase().padEnd(5)} ${who} ${m.to}${size}: ${text}`;
}
