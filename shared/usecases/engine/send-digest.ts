import type { WorkingCalendar } from '#domain/calendar';
import { redactLinkCode } from '#domain/link';
import { dayNumberOfInstant } from '#domain/local-time';
import { type ReminderItem, reminderEmail, reminderSms } from '#domain/messages';
import { smsInfo } from '#domain/sms';
import { assessStatus } from '#domain/status';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { Digest, DigestEntry } from '#ports/digest-queue';
import { PermanentSendError } from '#ports/notifier';
import type { Assignment, Reminder } from '#schemas/entities';
import { logger, maskContacts, maskPhone } from '#shared/logger';
import { type MessageLink, messageLink } from '../links/message-link.ts';
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

interface Claimed {
  entry: DigestEntry;
  assignment: Assignment;
  record: Reminder;
}

/**
 * The digest fire: claims the digest once, claims each entry's reminder-log record (skipping
 * entries whose assignment closed or was replanned since, and entries already sent by another
 * digest), publishes ONE message listing the items, and records the message id, segments, text
 * and outcome on every item. A transient SNS failure marks the items and the digest `failed` and
 * throws, so the fire is retried (and the sweep retries what is still failed); a permanent one
 * marks them `failed` with the reason and is not retried.
 */
export async function sendDigest(
  deps: DispatcherDependencies,
  digestId: string,
  refs = new ReferenceCache(deps.store),
): Promise<DigestResult> {
  const now = deps.clock.now();
  const claim = await deps.digests.claim(
    digestId,
    now.toISOString(),
    new Date(now.getTime() - SEND_LEASE_MS).toISOString(),
  );
  if (!claim) {
    logger.info('digest already taken', { digest: digestId });
    return { digestId, outcome: 'taken', items: 0 };
  }
  const { digest, reclaimed } = claim;
  const reclaimable: Reminder['outcome'][] = reclaimed ? ['pending', 'held', 'failed'] : ['held', 'failed'];
  const claimed: Claimed[] = [];
  const assignments = new Map<string, Assignment | undefined>();
  for (const entry of digest.entries) {
    if (!assignments.has(entry.assignmentId))
      assignments.set(entry.assignmentId, await deps.store.getAssignment(entry.assignmentId));
    const assignment = assignments.get(entry.assignmentId);
    const live = assignment?.state === 'open' && assignment.planVersion === entry.planVersion;
    const record = logRecord(digest, entry, assignment, now, live ? 'pending' : 'skipped', reclaimed);
    const won = await deps.store.claimReminder(record, reclaimable);
    if (won && live && assignment) claimed.push({ entry, assignment, record });
  }
  if (claimed.length === 0) {
    await deps.digests.finish(digestId, 'sent', 'nothing left to send');
    return { digestId, outcome: 'empty', items: 0 };
  }
  return publish(deps, { digest, reclaimed, refs }, claimed, now);
}

function logRecord(
  digest: Digest,
  entry: DigestEntry,
  a: Assignment | undefined,
  now: Date,
  outcome: 'pending' | 'skipped',
  reclaimed: boolean,
): Reminder {
  const why =
    outcome === 'skipped'
      ? 'assignment closed or replanned before the digest was sent'
      : reclaimed
        ? 'resent after an interrupted send'
        : undefined;
  const detail = [entry.detail, why].filter(Boolean).join('; ');
  return {
    assignmentId: entry.assignmentId,
    key: entry.key,
    step: entry.step,
    send: entry.send,
    channel: digest.channel,
    recipient: digest.recipient,
    unitId: a?.unitId ?? digest.recipientUnitId,
    plannedAt: entry.plannedAt,
    at: now.toISOString(),
    outcome,
    ...(detail && { detail }),
    attempts: digest.attempts,
  };
}

async function publish(
  deps: DispatcherDependencies,
  { digest, reclaimed, refs }: { digest: Digest; reclaimed: boolean; refs: ReferenceCache },
  claimed: Claimed[],
  now: Date,
): Promise<DigestResult> {
  const calendar = await refs.calendar();
  const policies = await Promise.all(claimed.map((c) => refs.policy(c.assignment.policy)));
  const items = await reminderItems(refs, claimed, now, calendar);
  const lang = deps.settings.lang;
  let text: string;
  let segments: number | undefined;
  let messageId: string;
  let link: MessageLink | undefined;
  try {
    const contacts = await refs.directory.contactsOf(digest.recipientUnitId);
    const contact = contacts.find((c) => c.id === digest.recipient);
    // The recipient's link, minted (idempotently) before the message that carries it is published.
    link = await messageLink(
      deps,
      digest,
      contact,
      claimed.map((c) => c.assignment),
    );
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
      const email = reminderEmail(items, { lang, ...linkText });
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
  for (const c of claimed) {
    await deps.store.updateReminder({
      ...c.record,
      outcome: 'sent',
      messageId,
      // The log keeps the text, never the code: the link's code is masked.
      text: link?.code ? redactLinkCode(text, link.code) : text,
      ...(segments !== undefined && { segments }),
    });
  }
  await deps.digests.finish(digest.id, 'sent');
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
  for (const c of claimed) {
    await deps.store.updateReminder({
      ...c.record,
      outcome: 'failed',
      detail: [c.record.detail, detail].filter(Boolean).join('; '),
    });
  }
  await deps.digests.finish(digest.id, transient ? 'failed' : 'abandoned', detail);
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
