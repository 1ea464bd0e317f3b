import type { Reminder } from '../schemas/entities.ts';

/**
 * What became of the reminders of one unit's tasks over a period, for the compliance report: how
 * many went out (per channel), how many the phone acknowledged ("đã nhận"), how many failed and
 * why (the carrier's words, or SNS's), and how many SMS that failed for good went by email instead.
 */
export interface DeliveryFigures {
  /** Messages' items handed to SNS (one per reminder: step, send, channel, recipient). */
  sent: number;
  sms: number;
  email: number;
  /** SMS the phone acknowledged (carrier receipt "đã nhận"). */
  delivered: number;
  /** Sends SNS refused, and SMS the carrier reported failed. */
  failed: number;
  /** SMS that failed for good and were sent again by email (`…#email-thay-sms`). */
  fellBackToEmail: number;
  /** The most frequent failure reasons, most frequent first (at most 3). */
  reasons: { reason: string; count: number }[];
}

export const FALLBACK_SUFFIX = '#email-thay-sms';
const TOP_REASONS = 3;
/** send-digest.ts records `transient failure: <reason>` / `permanent failure: <reason>`. */
const FAILURE = 'failure: ';

/** The reason of a failed send or receipt, short enough for a table cell. */
function reasonOf(r: Reminder): string {
  if (r.delivery?.status === 'failed') return r.delivery.detail ?? 'lỗi';
  const detail = r.detail ?? 'lỗi';
  const at = detail.lastIndexOf(FAILURE);
  const said = at < 0 ? detail : detail.slice(at + FAILURE.length);
  return said.length > 80 ? `${said.slice(0, 79)}…` : said;
}

/** Adds up reminder-log records (held, skipped and pending ones count for nothing). */
export function deliveryFigures(records: Iterable<Reminder>): DeliveryFigures {
  const f: DeliveryFigures = {
    sent: 0,
    sms: 0,
    email: 0,
    delivered: 0,
    failed: 0,
    fellBackToEmail: 0,
    reasons: [],
  };
  const reasons = new Map<string, number>();
  const fail = (r: Reminder) => {
    f.failed += 1;
    const reason = reasonOf(r);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  for (const r of records) {
    if (r.key.endsWith(FALLBACK_SUFFIX)) {
      if (r.outcome === 'sent') f.fellBackToEmail += 1;
      else if (r.outcome === 'failed') fail(r);
      continue;
    }
    if (r.outcome === 'failed') fail(r);
    if (r.outcome !== 'sent') continue;
    f.sent += 1;
    f[r.channel] += 1;
    if (r.delivery?.status === 'delivered') f.delivered += 1;
    if (r.delivery?.status === 'failed') fail(r);
  }
  f.reasons = [...reasons]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, TOP_REASONS);
  return f;
}
