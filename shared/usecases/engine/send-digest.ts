import type { WorkingCalendar } from '#domain/calendar';
import { consoleUrl, redactLinkCode } from '#domain/link';
import { dayNumberOfInstant } from '#domain/local-time';
import { type ReminderItem, reminderEmail, reminderSms } from '#domain/messages';
import { smsInfo } from '#domain/sms';
import { assessStatus } from '#domain/status';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { Digest, DigestClaim, DigestEntry } from '#ports/digest-queue';
import { PermanentSendError } from '#ports/notifier';
import type { Assignment, Contact, Reminder } from '#schemas/entities';
import { logger, maskContacts, maskPhone } from '#shared/logger';
import { type MessageLink, messageLink } from '../links/message-link.ts';
import { storeHeld } from './digest.ts';
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

/** What a claim leaves the publish: the items won, the recipient and the link their message carries. */
interface ClaimedSend {
  items: Claimed[];
  contact: Contact | undefined;
  link: MessageLink | undefined;
}

/**
 * The digest fire: claims the digest once, claims every entry's reminder-log record in one
 * transaction (skipping entries whose assignment closed or was replanned since, and entries already
 * sent by another digest), publishes ONE message listing the items, and records the message id,
 * segments, text and outcome on every item with the digest's state in one more. The message's
 * link rides on the claim: two requests per message (three when the digest must be read first,
 * i.e. it was not created by this container). A transient SNS failure marks the items and the digest `failed` and
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

/**
 * A digest this container created and filled (a tick's own): claimed together with its items in
 * one transaction, without reading it; one held in memory (not stored yet) is created already
 * claimed by that transaction. Undefined when it is unknown here or changed since (another sender
 * added to it or took it, or stored it first): then the usual claim reads it, with what this
 * container held stored into it first.
 */
async function claimWritten(deps: DispatcherDependencies, digestId: string, refs: ReferenceCache, now: Date) {
  const written = deps.digests.written(digestId);
  if (written?.digest.state !== 'open') return undefined;
  const claimedAt = now.toISOString();
  const { attempts, entries } = written.digest;
  const digest: Digest = { ...written.digest, state: 'sending', attempts: attempts + 1, claimedAt };
  const claim = {
    id: digestId,
    claimedAt,
    entries: entries.length,
    ...(!written.stored && { create: true }),
  };
  const claimed = await claimEntries(deps, { digest, reclaimed: false, refs }, now, claim);
  if (!claimed && !written.stored) await storeHeld(deps, digestId, now);
  return claimed && { digest, claimed };
}

function sendClaimed(deps: DispatcherDependencies, send: Send, claimed: ClaimedSend, now: Date) {
  if (claimed.items.length > 0) return publish(deps, send, claimed, now);
  return deps.digests
    .complete(send.digest.id, 'sent', [], 'nothing left to send')
    .then((): DigestResult => ({ digestId: send.digest.id, outcome: 'empty', items: 0 }));
}

const isLive = (a: Assignment | undefined, entry: DigestEntry): a is Assignment =>
  a?.state === 'open' && a.planVersion === entry.planVersion;

/**
 * Claims every entry's log record in one transaction (digest-queue.ts), checking that each
 * assignment is still at the version its snapshot was taken at, instead of reading it. An
 * assignment that moved (a progress report, a completion) is read again: a live one is claimed at
 * its new version, a closed or replanned one is logged `skipped`. Entries someone else holds are
 * left out (sent by another digest). The message's link (to the recipient's own live items) is
 * written with the first transaction that commits: any item won was claimed with it.
 */
async function claimEntries(
  deps: DispatcherDependencies,
  { digest, reclaimed, refs }: Send,
  now: Date,
  digestClaim?: DigestClaim,
): Promise<ClaimedSend | undefined> {
  const reclaimable: Reminder['outcome'][] = reclaimed ? ['pending', 'held', 'failed'] : ['held', 'failed'];
  const assignments = new Map<string, Assignment | undefined>();
  for (const e of digest.entries) if (e.assignment) assignments.set(e.assignmentId, e.assignment);
  for (const e of digest.entries)
    if (!assignments.has(e.assignmentId))
      assignments.set(e.assignmentId, await deps.store.getAssignment(e.assignmentId));
  const contact = (await refs.directory.contactsOf(digest.recipientUnitId)).find(
    (c) => c.id === digest.recipient,
  );
  const liveOnes = digest.entries.flatMap((e) => {
    const a = assignments.get(e.assignmentId);
    return isLive(a, e) ? [a] : [];
  });
  const link = await messageLink(deps, digest, contact, liveOnes);
  let mint = link?.mint;
  const claimed: Claimed[] = [];
  let entries = digest.entries;
  for (let round = 0; entries.length > 0 && round < 3; round++) {
    const claims = entries.map((entry) => {
      const a = assignments.get(entry.assignmentId);
      const live = isLive(a, entry);
      const record = logRecord(digest, entry, a, now, live ? 'pending' : 'skipped', reclaimed);
      return { entry, a, record, ...(live && { expect: { assignmentId: a.id, version: a.version } }) };
    });
    const together = round === 0 ? digestClaim : undefined;
    const extra = { ...(together && { digest: together }), ...(mint && { link: mint }) };
    const { won, stale, digestClaimed, linkWritten } = await deps.digests.claimItems(
      claims,
      reclaimable,
      extra,
    );
    if (together && !digestClaimed) return undefined; // nothing written: the usual claim instead
    if (linkWritten) mint = undefined;
    const wonRecords = new Set(won);
    for (const c of claims)
      if (wonRecords.has(c.record) && c.expect && c.a)
        claimed.push({ entry: c.entry, assignment: c.a, record: c.record });
    for (const id of stale) assignments.set(id, await deps.store.getAssignment(id));
    entries = claims.filter((c) => stale.includes(c.entry.assignmentId)).map((c) => c.entry);
  }
  return { items: claimed, contact, link };
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

/** The console pages of the letters the message's steps drafted (the office's email), once each. */
function letterLinks(deps: DispatcherDependencies, claimed: Claimed[]): string[] {
  const base = deps.settings.linkBase;
  const ids = new Set(claimed.flatMap((c) => (c.entry.letterId ? [c.entry.letterId] : [])));
  return base ? [...ids].map((id) => consoleUrl(base, `/#/letters/${encodeURIComponent(id)}`)) : [];
}

interface Send {
  digest: Digest;
  reclaimed: boolean;
  refs: ReferenceCache;
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
