/** An SMS to one phone number. */
export interface SmsMessage {
  /** E.164 */
  phone: string;
  text: string;
}

/** An email to all confirmed subscribers of a unit's topic. */
export interface EmailMessage {
  unitId: string;
  topicArn: string;
  subject: string;
  body: string;
}

export interface SendResult {
  messageId: string;
}

/**
 * Sends messages (SNS in AWS, an outbox on disk locally). A throttling or server-side failure
 * throws `TransientSendError` (worth retrying); any other failure throws `PermanentSendError`.
 */
export interface Notifier {
  sendSms(message: SmsMessage): Promise<SendResult>;
  sendEmail(message: EmailMessage): Promise<SendResult>;
}

export class TransientSendError extends Error {}
/**
 * The sender's rate was exceeded (SNS `Throttled`, HTTP 429): the message was NOT accepted, so
 * retrying it after a pause can never send it twice. Not a failure: the pacer slows down and retries.
 */
export class ThrottledSendError extends TransientSendError {}
export class PermanentSendError extends Error {}

export type SubscriptionStatus = 'pending' | 'confirmed';

/** Email subscriptions of unit topics (SNS email protocol; the recipient must confirm). */
export interface EmailSubscriptions {
  /** Creates the unit's topic if needed (idempotent, deterministic name) and returns its ARN. */
  ensureTopic(unitId: string): Promise<string>;
  /** Subscribes an address; returns the subscription ARN or `pending confirmation`. */
  subscribe(topicArn: string, email: string): Promise<string>;
  unsubscribe(subscriptionArn: string): Promise<void>;
  /** Status of every address subscribed to the topic, keyed by email (lower-case). */
  statuses(topicArn: string): Promise<Map<string, { status: SubscriptionStatus; subscriptionArn?: string }>>;
}
