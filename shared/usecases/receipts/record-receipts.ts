import { DELIVERY_NAMES, type Delivery, deliveryOf, type SmsDeliveryLog } from '#domain/delivery';
import { FALLBACK_SUFFIX } from '#domain/delivery-figures';
import { consoleUrl, LINK_PATH_PREFIX } from '#domain/link';
import type { Dependencies } from '#ports/dependencies';
import type { ReminderRef } from '#ports/receipts';
import type { AssignmentReads, ReminderLog, UnitReads } from '#ports/store';
import type { Reminder } from '#schemas/entities';
import { logger } from '#shared/logger';
import { mintLink } from '../links/mint-link.ts';

type Deps = Pick<Dependencies, 'receipts' | 'notifier' | 'clock' | 'links' | 'settings'> & {
  store: UnitReads & ReminderLog & AssignmentReads;
};

export interface ReceiptsResult {
  /** Reminder records that got a delivery. */
  recorded: number;
  /** Receipts of messages this stage did not send (another stage of the account, or expired refs). */
  unmatched: number;
  /** Emails sent in place of an SMS that failed for good. */
  fallbacks: number;
}

/** Whose phone an SMS record went to: the `<unit>/<contact>` its key ends with (an escalation reaches another unit). */
function smsRecipient(r: Reminder): { unitId: string; contactId: string } {
  const who = r.key.slice(r.key.lastIndexOf('#') + 1);
  const slash = who.indexOf('/');
  return slash < 0
    ? { unitId: r.unitId, contactId: r.recipient }
    : { unitId: who.slice(0, slash), contactId: who.slice(slash + 1) };
}

/** The record that says an SMS went by email instead, next to it in the assignment's log. */
function fallbackRecord(sms: Reminder, reason: string, now: Date): Reminder {
  const { messageId: _m, delivery: _d, segments: _s, ...rest } = sms;
  return {
    ...rest,
    key: `${sms.key}${FALLBACK_SUFFIX}`,
    channel: 'email',
    at: now.toISOString(),
    outcome: 'pending',
    detail: `SMS lỗi (${reason}): gửi qua email thay thế`,
    attempts: 0,
  };
}

/** The masked personal link of a logged SMS text (the log never keeps a code). */
const MASKED_LINK = new RegExp(`\\S*${LINK_PATH_PREFIX.replace(/\//g, '\\/')}\\*+`);

/**
 * The logged SMS text with its masked link replaced by a new personal link for the same person and
 * the same items of their unit (minted once: the fallback is claimed before it is sent). An item
 * that closed or moved meanwhile makes the link the console's address instead.
 */
async function withOwnLink(
  deps: Deps,
  text: string,
  to: { unitId: string; contactId: string },
  records: Reminder[],
) {
  const base = deps.settings.linkBase;
  if (!base || !MASKED_LINK.test(text)) return text;
  const assignmentIds = records.filter((r) => r.unitId === to.unitId).map((r) => r.assignmentId);
  try {
    const { url } = await mintLink(deps, {
      ...to,
      assignmentIds,
      channel: 'email',
      createdBy: `fallback:${records[0]?.key}`,
    });
    return text.replace(MASKED_LINK, url);
  } catch (error) {
    logger.warn('no personal link for the email in place of an SMS', {
      ...to,
      error: (error as Error).message,
    });
    return text.replace(MASKED_LINK, consoleUrl(base));
  }
}

/**
 * An SMS that failed for good goes, once, by email to the same person (their own topic, when their
 * address is confirmed), with the SMS text and why; each record it covered gets a log line saying so.
 * It never goes to a colleague: the text carries the recipient's personal link. No address: the log says that.
 */
async function fallBackToEmail(deps: Deps, failed: Reminder[], delivery: Delivery): Promise<boolean> {
  const [first] = failed;
  if (!first) return false;
  const reason = delivery.detail ?? DELIVERY_NAMES.failed;
  const to = smsRecipient(first);
  const contact = await deps.store.getContact(to.unitId, to.contactId);
  if (!contact?.emailTopicArn || contact.emailStatus !== 'confirmed') {
    logger.warn('sms failed for good, and the contact has no confirmed email', { ...to, reason });
    return false;
  }
  const now = deps.clock.now();
  const records = failed.map((r) => fallbackRecord(r, reason, now));
  const claimed = (await Promise.all(records.map((r) => deps.store.claimReminder(r, ['failed'])))).some(
    Boolean,
  );
  if (!claimed) return false; // an earlier delivery of the same receipt sent it
  const text = await withOwnLink(deps, first.text ?? '', to, failed);
  const body = `Tin nhắn SMS nhắc việc gửi tới ${contact.name} không tới được máy (${reason}). Nội dung:\n\n${text}\n\nĐề nghị cập nhật số điện thoại với Văn phòng UBND nếu số này không còn dùng.`;
  try {
    const { messageId } = await deps.notifier.sendEmail({
      unitId: contact.unitId,
      contactId: contact.id,
      topicArn: contact.emailTopicArn,
      subject: `[Nhắc việc] SMS không tới được ${contact.name}`,
      body,
    });
    await Promise.all(
      records.map((r) => deps.store.updateReminder({ ...r, outcome: 'sent', messageId, attempts: 1 })),
    );
    return true;
  } catch (error) {
    const detail = `${records[0]?.detail}; email cũng lỗi: ${(error as Error).message}`;
    await Promise.all(
      records.map((r) => deps.store.updateReminder({ ...r, outcome: 'failed', detail, attempts: 1 })),
    );
    return false;
  }
}

async function recordOne(deps: Deps, log: SmsDeliveryLog, result: ReceiptsResult): Promise<void> {
  const { messageId, delivery } = deliveryOf(log);
  const refs: ReminderRef[] = await deps.receipts.refsOf(messageId);
  if (refs.length === 0) {
    result.unmatched += 1;
    return;
  }
  const records = await Promise.all(refs.map((ref) => deps.receipts.recordDelivery(ref, delivery)));
  const applied = records.filter(
    (r): r is Reminder => r?.delivery?.at === delivery.at && r.delivery.status === delivery.status,
  );
  result.recorded += applied.length;
  logger.info('sms receipt', {
    messageId,
    status: delivery.status,
    detail: delivery.detail,
    records: applied.length,
  });
  const failed = applied.filter((r) => r.channel === 'sms');
  if (delivery.status === 'failed' && delivery.permanent && (await fallBackToEmail(deps, failed, delivery)))
    result.fallbacks += 1;
}

/**
 * Records the carrier receipts of SMS (SNS delivery-status log records) on the reminder log,
 * matched by SNS message id, and falls back to email for an SMS that failed for good.
 */
export async function recordReceipts(deps: Deps, logs: SmsDeliveryLog[]): Promise<ReceiptsResult> {
  const result: ReceiptsResult = { recorded: 0, unmatched: 0, fallbacks: 0 };
  for (const log of logs) await recordOne(deps, log, result);
  return result;
}
