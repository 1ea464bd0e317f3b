import type { EmailSubscriptions } from '#ports/notifier';
import type { Contact } from '#schemas/entities';
import { describeError, logger } from '#shared/logger';

/** The email fields of a stored contact. */
export type EmailFields = Pick<Contact, 'emailStatus'> &
  Partial<Pick<Contact, 'emailTopicArn' | 'subscriptionArn'>>;

/**
 * What a contact's email becomes, with SNS already done: `fields` to store, `undo` if the store
 * refuses the write (a rejected request leaves nothing behind in SNS), `after` once it is written
 * (the old subscription or topic removed).
 */
export interface EmailChange {
  fields: EmailFields;
  undo(): Promise<void>;
  after(): Promise<void>;
}

interface Wanted {
  unitId: string;
  id: string;
  email?: string | undefined;
  channels?: string[] | undefined;
}

const isArn = (value: string | undefined): value is string => value?.startsWith('arn:') === true;
const noop = async () => {};

export const wantsEmail = (c: Pick<Wanted, 'email' | 'channels'>) =>
  c.email !== undefined && (c.channels ?? ['sms', 'email']).includes('email');

/**
 * Each contact with an email address has their own SNS topic (one subscription: their address),
 * so an email and the personal link in it reach that person only. Created with the contact or
 * when they get an address, kept while the address stays, emptied when it changes, deleted when
 * the address or the contact goes. A contact still on their unit's shared topic (a release before
 * per-contact topics) gets their own topic at their next change.
 */
export async function changeEmail(
  subs: EmailSubscriptions,
  stored: Contact | undefined,
  next: Wanted,
): Promise<EmailChange> {
  if (!wantsEmail(next) || !next.email) {
    return { fields: { emailStatus: 'none' }, undo: noop, after: () => removeEmail(subs, stored) };
  }
  const own = stored?.emailTopicArn;
  if (own && stored.emailStatus !== 'none' && stored.email?.toLowerCase() === next.email.toLowerCase()) {
    const { emailStatus, emailTopicArn, subscriptionArn } = stored;
    return {
      fields: { emailStatus, emailTopicArn, ...(subscriptionArn && { subscriptionArn }) },
      undo: noop,
      after: noop,
    };
  }
  const topicArn = own ?? (await subs.ensureTopic({ unitId: next.unitId, contactId: next.id }));
  let fields: EmailFields;
  try {
    fields = await subscribe(subs, topicArn, next.email);
  } catch (error) {
    if (!own) await quietly(() => subs.deleteTopic(topicArn), topicArn);
    throw error;
  }
  const fresh = fields.subscriptionArn;
  return {
    fields,
    undo: async () => {
      if (!own) await subs.deleteTopic(topicArn);
      else if (isArn(fresh) && fresh !== stored?.subscriptionArn) await subs.unsubscribe(fresh);
    },
    after: async () => {
      const old = stored?.subscriptionArn;
      if (isArn(old) && old !== fresh) await quietly(() => subs.unsubscribe(old), old);
    },
  };
}

/**
 * Subscribes an address to the contact's topic. SNS gives the subscription's ARN even while the
 * recipient has not confirmed, so the status comes from the topic's list: `confirmed` only if SNS
 * says so (the address was confirmed on this topic before), `pending` otherwise; the daily sweep
 * refreshes the pending ones.
 */
async function subscribe(subs: EmailSubscriptions, topicArn: string, email: string): Promise<EmailFields> {
  const arn = await subs.subscribe(topicArn, email);
  const known = (await subs.statuses(topicArn)).get(email.toLowerCase());
  const subscriptionArn = isArn(arn) ? arn : known?.subscriptionArn;
  return {
    emailStatus: known?.status === 'confirmed' ? 'confirmed' : 'pending',
    emailTopicArn: topicArn,
    ...(subscriptionArn && { subscriptionArn }),
  };
}

/** After a contact (or their address) is gone: their topic deleted, or a unit-topic subscription removed. */
export async function removeEmail(subs: EmailSubscriptions, stored: Contact | undefined): Promise<void> {
  const topic = stored?.emailTopicArn;
  if (topic) await quietly(() => subs.deleteTopic(topic), topic);
  else if (isArn(stored?.subscriptionArn)) {
    const arn = stored.subscriptionArn;
    await quietly(() => subs.unsubscribe(arn), arn);
  }
}

/**
 * Clean-up after the table is written: a failure leaves a topic or subscription nothing publishes
 * to any more, so it is logged for the operator and the request still succeeds (it did).
 */
export async function quietly(action: () => Promise<void>, what: string): Promise<void> {
  try {
    await action();
  } catch (error) {
    logger.warn('email clean-up failed: remove it by hand', { what, error: describeError(error) });
  }
}
