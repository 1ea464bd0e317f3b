import {
  type MessageAttributeValue,
  PublishCommand,
  SNSClient,
  type SNSClientConfig,
} from '@aws-sdk/client-sns';
import { stripDiacritics } from '../../domain/sms.ts';
import { logger, maskContacts, maskPhone } from '../../logger.ts';
import {
  type EmailMessage,
  type Notifier,
  PermanentSendError,
  type SendResult,
  type SmsMessage,
  ThrottledSendError,
  TransientSendError,
} from '../../ports/notifier.ts';

export interface SnsNotifierOptions {
  /** Registered alphanumeric sender ID (brand name); omitted when unset. */
  senderId?: string;
  /** Highest price in USD one SMS may cost; omitted when unset (the account default applies). */
  maxPriceUsd?: string;
}

/**
 * The SNS client for publishing: one attempt only. An SDK retry after a timeout or a 5xx can send a
 * message SNS had in fact accepted; retries belong to the dispatcher, which claims each send in the
 * reminder log first and retries a `failed` one under that guard, so nothing is sent twice by us.
 */
export function createPublishClient(config: SNSClientConfig = {}): SNSClient {
  return new SNSClient({
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
    ...config,
  });
}

/** Sends SMS (SNS Publish to a phone number) and email (Publish to the unit's topic). */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    private readonly options: SnsNotifierOptions = {},
  ) {}

  async sendSms({ phone, text }: SmsMessage): Promise<SendResult> {
    const attributes: Record<string, MessageAttributeValue> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (this.options.senderId) {
      attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: this.options.senderId };
    }
    if (this.options.maxPriceUsd) {
      attributes['AWS.SNS.SMS.MaxPrice'] = { DataType: 'Number', StringValue: this.options.maxPriceUsd };
    }
    const result = await this.publish('sms', () =>
      this.client.send(
        new PublishCommand({ PhoneNumber: phone, Message: text, MessageAttributes: attributes }),
      ),
    );
    logger.debug('sms published', { phone: maskPhone(phone), messageId: result.messageId });
    return result;
  }

  async sendEmail({ unitId, topicArn, subject, body }: EmailMessage): Promise<SendResult> {
    const result = await this.publish('email', () =>
      this.client.send(
        new PublishCommand({ TopicArn: topicArn, Subject: emailSubject(subject), Message: body }),
      ),
    );
    logger.debug('email published', { unitId, topicArn, messageId: result.messageId });
    return result;
  }

  private async publish(
    channel: 'sms' | 'email',
    call: () => Promise<{ MessageId?: string | undefined }>,
  ): Promise<SendResult> {
    let output: { MessageId?: string | undefined };
    try {
      output = await call();
    } catch (error) {
      throw toSendError(channel, error);
    }
    if (!output.MessageId)
      throw new PermanentSendError(`SNS accepted the ${channel} but returned no MessageId`);
    return { messageId: output.MessageId };
  }
}

/** The request was refused for rate, not accepted: safe to retry after a pause. */
const THROTTLE_NAMES = new Set([
  'Throttled',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'KMSThrottling',
  'KMSThrottlingException',
]);

const TRANSIENT_NAMES = new Set([
  'InternalError',
  'InternalErrorException',
  'InternalFailure',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

interface AwsErrorShape extends Error {
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/**
 * Throttling (`ThrottledSendError`: refused, so retried inside the pacing), server faults (5xx)
 * and network failures are transient (worth retrying later); every other failure
 * (InvalidParameter, OptedOut, AuthorizationError, NotFound, ...) is permanent.
 * The message is masked: SNS errors can quote the phone number.
 */
export function toSendError(
  channel: 'sms' | 'email',
  error: unknown,
): TransientSendError | PermanentSendError {
  if (!(error instanceof Error)) return new PermanentSendError(`SNS ${channel} failed: ${String(error)}`);
  const e = error as AwsErrorShape;
  const status = e.$metadata?.httpStatusCode;
  const message = `SNS ${channel} failed: ${e.name}: ${maskContacts(e.message)}`;
  if (THROTTLE_NAMES.has(e.name) || status === 429) return new ThrottledSendError(message, { cause: error });
  const transient =
    TRANSIENT_NAMES.has(e.name) ||
    (status !== undefined && status >= 500) ||
    e.$fault === 'server' ||
    (e.code !== undefined && NETWORK_CODES.has(e.code));
  return transient
    ? new TransientSendError(message, { cause: error })
    : new PermanentSendError(message, { cause: error });
}

const PUNCTUATION: Record<string, string> = {
  '\u2013': '-',
  '\u2014': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2026': '...',
  '\u00A0': ' ',
};

/**
 * An SNS email Subject: printable ASCII only, one line, fewer than 100 characters. SNS documents
 * "no line breaks or control characters, less than 100 characters"; non-ASCII subjects are
 * replaced by an error text on some delivery paths, so Vietnamese is written without diacritics
 * (`Nhắc việc: Sở Nội vụ` -> `Nhac viec: So Noi vu`). The body keeps its diacritics.
 */
export function emailSubject(subject: string): string {
  const ascii = stripDiacritics(subject)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2013\u2014\u2018\u2019\u201C\u201D\u2026\u00A0]/g, (c) => PUNCTUATION[c] ?? '')
    .replace(/[^\x20-\x7E]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const text = ascii.length > 0 ? ascii : 'dondoc';
  return text.length <= 99 ? text : `${text.slice(0, 96).trimEnd()}...`;
}
