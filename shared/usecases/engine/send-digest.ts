import type { WorkingCalendar } from '#domain/calendar';
import { consoleUrl, redactLinkCode } from '#domain/link';
import { dayNumberOfInstant } from '#domain/local-time';
import { type ReminderItem, reminderEmail, reminderSms } from '#domain/messages';
import { smsInfo } from '#domain/sms';
import { assessStatus } from '#domain/status';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { Digest } from '#ports/digest-queue';
import { PermanentSendError } from '#ports/notifier';
import type { Reminder } from '#schemas/entities';
import { logger, maskContacts, maskPhone } from '#shared/logger';
import {
  type Claimed,
  type ClaimedSend,
  claimEntries,
  claimWritten,
  type PreparedSend,
  type Send,
} from './claim-digest.ts';
import { ReferenceCache } from './reference-cache.ts';

/**
 * How long a claim (of a digest, and so of its items' `pending` log records) protects a sender.
 * Longer than the dispatcher's timeout: a live sender is never overtaken; a sender that crashed
 * between claiming and recording the outcome is taken over by a later fire or the daily sweep.
 *
 * **Crash ordering: at-least-once.** The guard is written BEFORE publishing. A crash after the
 * claim and before the publish leaves `pending` records that would be lost forever under
 * at-most-once; a crash after the publish and before `updateReminder` cannot be told apart from it
 * (SNS SMS publishes have no idempotency key). We chose to resend after the lease: a reminder that
 * never arrives defeats the product (a missed deadline), a second identical SMS costs a few hundred
 * đồng and happens only if the process dies in the milliseconds between SNS accepting the message
 * and one DynamoDB write. The log says so (`detail: resent after an interrupted send`, attempts > 1).
 */
export const SEND_LEASE_MS = 5 * 60_000;

export interface DigestResult {
  digestId: string;
  outcome: 'taken' | 'sent' | 'empty' | 'failed';
  items: number;
  messageId?: string;
  segments?: number;
}

/**
 * The digest fire: claims the digest once, claims every entry's reminder-log record in one
 * transaction (skipping entries whose assignment closed or was replanned since, and entries already
 * sent by another digest), publishes ONE message listing the items, and records the message id,
 * segments, text and outcome on every item with the digest's state in one more. The message's
 * link rides on the claim: two requests per message (three when the digest must be read first,
 * i.e. it was not created by this container; about one and a fraction when a window drain claimed
 * it with the next few, see `sendPrepared`). A transient SNS failure marks the items and the digest `failed` and
 * throws, so the fire is retried (and the sweep retries what is still failed); a permanent one
 * marks them `failed` with the reason and is not retried.
 */
export async function sendDigest(
  deps: DispatcherDependencies,
  digestId: string,
  refs = new ReferenceCache(deps.store),
): Promise<DigestResult> {
  const now = deps.clock.now();
  const fast = await claimWritten(deps, digestId, refs, now);
  if (fast) return sendClaimed(deps, { digest: fast.digest, reclaimed: false, refs }, fast.claimed, now);
  const claim = await deps.digests.claim(
    digestId,
    now.toISOString(),
    new Date(now.getTime() - SEND_LEASE_MS).toISOString(),
  );
  if (!claim) {
    logger.info('digest already taken', { digest: digestId });
    return { digestId, outcome: 'taken', items: 0 };
  }
  const send = { ...claim, refs };
  const claimed = await claimEntries(deps, send, now);
  return sendClaimed(deps, send, claimed ?? { items: [], contact: undefined, link: undefined }, now);
}

/** Publishes and records a digest claimed by a batch (`prepareWritten`, `claimBatch`). */
export function sendPrepared(deps: DispatcherDependencies, prepared: PreparedSend): Promise<DigestResult> {
  return sendClaimed(
    deps,
    prepared.send,
    prepared.claimed,
    new Date(prepared.send.digest.claimedAt as string),
  );
}

function sendClaimed(deps: DispatcherDependencies, send: Send, claimed: ClaimedSend, now: Date) {
  if (claimed.items.length > 0) return publish(deps, send, claimed, now);
  return deps.digests
    .complete(send.digest.id, 'sent', [], 'nothing left to send')
    .then((): DigestResult => ({ digestId: send.digest.id, outcome: 'empty', items: 0 }));
}

/** The console pages of the letters the message's steps drafted (the office's email), once each. */
function letterLinks(deps: DispatcherDependencies, claimed: Claimed[]): string[] {
  const base = deps.settings.linkBase;
  const ids = new Set(claimed.flatMap((c) => (c.entry.letterId ? [c.entry.letterId] : [])));
  return base ? [...ids].map((id) => consoleUrl(base, `/#/letters/${encodeURIComponent(id)}`)) : [];
}

async function publish(
  deps: DispatcherDependencies,
  { digest, reclaimed, refs }: Send,
  { items: claimed, contact, link }: ClaimedSend,
  now: Date,
): Promise<DigestResult> {
  const calendar = await refs.calendar();
  const policies = await Promise.all(claimed.map((c) => refs.policy(c.assignment.policy)));
  const items = await reminderItems(refs, claimed, now, calendar);
  const lang = deps.settings.lang;
  let text: string;
  let segments: number | undefined;
  let messageId: string;
  try {
    const linkText = { link: link?.url, linkFor: link?.linkFor };
    if (digest.channel === 'sms') {
      if (!contact?.phone) throw new PermanentSendError('the contact has no phone number any more');
      const strip = policies.some((p) => p.smsDiacritics === 'strip');
      text = reminderSms(items, { lang, mode: strip ? 'strip' : 'keep', ...linkText });
      segments = smsInfo(text).segments;
      ({ messageId } = await deps.notifier.sendSms({ phone: contact.phone, text }));
      logger.info('digest sent', {
        digest: digest.id,
        channel: 'sms',
        to: maskPhone(contact.phone),
        items: claimed.length,
        segments,
      });
    } else {
      if (!contact?.emailTopicArn || contact.emailStatus !== 'confirmed')
        throw new PermanentSendError('the contact has no confirmed email address any more');
      const email = reminderEmail(items, { lang, ...linkText, letters: letterLinks(deps, claimed) });
      text = `${email.subject}\n\n${email.body}`;
      ({ messageId } = await deps.notifier.sendEmail({
        unitId: contact.unitId,
        contactId: contact.id,
        topicArn: contact.emailTopicArn,
        ...email,
      }));
      logger.info('digest sent', {
        digest: digest.id,
        channel: 'email',
        unitId: contact.unitId,
        contactId: contact.id,
        items: claimed.length,
      });
    }
  } catch (error) {
    return failed(deps, digest, claimed, error);
  }
  const sent = claimed.map(
    (c): Reminder => ({
      ...c.record,
      outcome: 'sent',
      messageId,
      // The log keeps the text, never the code: the link's code is masked.
      text: link?.code ? redactLinkCode(text, link.code) : text,
      ...(segments !== undefined && { segments }),
    }),
  );
  await deps.digests.complete(digest.id, 'sent', sent);
  deps.metrics.reminders('sent', digest.channel, claimed.length);
  if (reclaimed) deps.metrics.reminders('resent', digest.channel, claimed.length);
  return {
    digestId: digest.id,
    outcome: 'sent',
    items: claimed.length,
    messageId,
    ...(segments !== undefined && { segments }),
  };
}

async function failed(
  deps: DispatcherDependencies,
  digest: Digest,
  claimed: Claimed[],
  error: unknown,
): Promise<DigestResult> {
  // Anything but a PermanentSendError (TransientSendError, an unexpected SDK error) is retried.
  const transient = !(error instanceof PermanentSendError);
  const reason = error instanceof Error ? error.message : String(error);
  const detail = `${transient ? 'transient' : 'permanent'} failure: ${reason}`;
  const records = claimed.map(
    (c): Reminder => ({
      ...c.record,
      outcome: 'failed',
      detail: [c.record.detail, detail].filter(Boolean).join('; '),
    }),
  );
  await deps.digests.complete(digest.id, transient ? 'failed' : 'abandoned', records, detail);
  deps.metrics.reminders('failed', digest.channel, claimed.length);
  logger.warn('digest failed', {
    digest: digest.id,
    channel: digest.channel,
    transient,
    reason: maskContacts(reason),
    items: claimed.length,
  });
  if (transient) throw error;
  return { digestId: digest.id, outcome: 'failed', items: claimed.length };
}

/** One line per assignment, as the message templates want it. */
async function reminderItems(refs: ReferenceCache, claimed: Claimed[], now: Date, calendar: WorkingCalendar) {
  const seen = new Map<string, ReminderItem>();
  for (const { assignment: a } of claimed) {
    if (seen.has(a.id)) continue;
    const due = new Date(a.dueAt);
    seen.set(a.id, {
      unitName: (await refs.directory.unit(a.unitId))?.name ?? a.unitId,
      taskTitle: a.title,
      directiveNumber: (await refs.directory.directive(a.directiveId))?.number ?? a.directiveId,
      dueAt: due,
      status: assessStatus(a, now, calendar).status,
      daysLeft: dayNumberOfInstant(due) - dayNumberOfInstant(now),
    });
  }
  return [...seen.values()];
}
