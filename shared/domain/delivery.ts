/**
 * Carrier receipts of SMS (SNS delivery-status logs), read into what the reminder log shows:
 * "đã gửi tới nhà mạng" (the carrier took it), "đã nhận" (the phone acknowledged it) or "lỗi"
 * with the carrier's reason. A failure is permanent when sending again to the same number cannot
 * help (opted out, blocked, invalid number): then the message falls back to email.
 */
export type DeliveryStatus = 'carrier' | 'delivered' | 'failed';

export interface Delivery {
  status: DeliveryStatus;
  at: string;
  /** The carrier's (or SNS's) words, e.g. `Phone has blocked SMS`. */
  detail?: string | undefined;
  carrier?: string | undefined;
  permanent?: boolean | undefined;
}

export const DELIVERY_NAMES: Record<DeliveryStatus, string> = {
  carrier: 'đã gửi tới nhà mạng',
  delivered: 'đã nhận',
  failed: 'lỗi',
};

/** One SNS SMS delivery-status log record (the JSON of one log event). */
export interface SmsDeliveryLog {
  notification: { messageId: string; timestamp: string };
  delivery: {
    phoneCarrier?: string;
    providerResponse?: string;
    dwellTimeMsUntilDeviceAck?: number;
    destination?: string;
  };
  status: 'SUCCESS' | 'FAILURE';
}

const PERMANENT = [
  /opted out/i,
  /blocked/i,
  /invalid (phone|destination)/i,
  /not (a )?valid/i,
  /does not exist/i,
];

/** SNS writes `2016-06-28 00:40:34.558` (UTC, no zone). */
function instant(timestamp: string): string {
  const date = new Date(`${timestamp.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? timestamp : date.toISOString();
}

/** The delivery a log record reports, and the SNS message id it is about. */
export function deliveryOf(log: SmsDeliveryLog): { messageId: string; delivery: Delivery } {
  const { providerResponse: detail, phoneCarrier: carrier } = log.delivery;
  const at = instant(log.notification.timestamp);
  const base = { at, ...(detail && { detail }), ...(carrier && { carrier }) };
  if (log.status === 'FAILURE') {
    const permanent = PERMANENT.some((p) => p.test(detail ?? ''));
    return { messageId: log.notification.messageId, delivery: { ...base, status: 'failed', permanent } };
  }
  const acked =
    log.delivery.dwellTimeMsUntilDeviceAck !== undefined || /accepted by phone$/i.test(detail ?? '');
  return {
    messageId: log.notification.messageId,
    delivery: { ...base, status: acked ? 'delivered' : 'carrier' },
  };
}

/** Receipts may arrive out of order: "đã gửi tới nhà mạng" never replaces a final one. */
export const isFinal = (d: Delivery | undefined): boolean => d !== undefined && d.status !== 'carrier';
