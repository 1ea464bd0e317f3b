/** An SMS to one phone number. */
export interface SmsMessage {
  /** E.164 */
  phone: string;
  text: string;
}

/** An email to one contact: a publish to their own topic, whose one subscriber is their address. */
export interface EmailMessage {
  unitId: string;
  contactId: string;
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

/** Whose own email topic: one per contact, so a message (and the personal link in it) reaches them only. */
export interface TopicOwner {
  unitId: string;
  contactId: string;
}

/** Email subscriptions of the contacts' own topics (SNS email protocol; the recipient must confirm). */
export interface EmailSubscriptions {
  /** Creates the contact's topic if needed (idempotent, deterministic name) and returns its ARN. */
  ensureTopic(owner: TopicOwner): Promise<string>;
  /** Deletes a topic and with it its subscriptions; a topic already gone is success. */
  deleteTopic(topicArn: string): Promise<void>;
  /** Subscribes an address; returns the subscription ARN or `pending confirmation`. */
  subscribe(topicArn: string, email: string): Promise<string>;
  unsubscribe(subscriptionArn: string): Promise<void>;
  /** Status of every address subscribed to the topic, keyed by email (lower-case). */
  statuses(topicArn: string): Promise<Map<string, { status: SubscriptionStatus; subscriptionArn?: string }>>;
}
