import type { DeliveryStatus } from '../../../shared/domain/delivery.ts';
import type { Audience } from '../../../shared/domain/policy.ts';
import type { Channel } from '../../../shared/schemas/common.ts';
import type { Reminder } from '../../../shared/schemas/entities.ts';
import type { Lang } from '../../../shared/schemas/i18n/lang.ts';

/**
 * Names for the engine's codes: channels, outcomes, audiences, policies. Codes stay in URLs and in
 * the API; people read these. No zod here (pages that only show names load none).
 */
interface Names {
  channel: Record<Channel, string>;
  outcome: Record<Reminder['outcome'], string>;
  delivery: Record<DeliveryStatus, string>;
  audience: Record<Audience, string>;
  policyTitles: Record<string, string>;
}

export const NAMES: Record<Lang, Names> = {
  vi: {
    channel: { sms: 'SMS', email: 'thư điện tử' },
    outcome: {
      pending: 'Đang gửi',
      sent: 'Đã gửi',
      failed: 'Gửi không thành công',
      held: 'Tạm giữ',
      skipped: 'Bỏ qua',
    },
    delivery: { carrier: 'đã gửi tới nhà mạng', delivered: 'đã nhận', failed: 'lỗi' },
    audience: { unit: 'đơn vị', parent: 'cơ quan cấp trên', office: 'Văn phòng UBND' },
    policyTitles: { 'mac-dinh': 'Mặc định' },
  },
  en: {
    channel: { sms: 'SMS', email: 'email' },
    outcome: {
      pending: 'Sending',
      sent: 'Sent',
      failed: 'Failed',
      held: 'Held',
      skipped: 'Skipped',
    },
    delivery: { carrier: 'with the carrier', delivered: 'delivered', failed: 'not delivered' },
    audience: { unit: 'the unit', parent: 'the parent unit', office: 'the provincial office' },
    policyTitles: { 'mac-dinh': 'Default' },
  },
};

export const channelName = (channel: Channel, lang: Lang): string => NAMES[lang].channel[channel];
/** The outcome, with the carrier's receipt of an SMS when one came back (and its reason when it failed). */
export function outcomeWithDelivery(r: Pick<Reminder, 'outcome' | 'delivery'>, lang: Lang): string {
  const outcome = NAMES[lang].outcome[r.outcome];
  if (!r.delivery) return outcome;
  const reason = r.delivery.status === 'failed' && r.delivery.detail ? ` (${r.delivery.detail})` : '';
  return `${outcome} · ${NAMES[lang].delivery[r.delivery.status]}${reason}`;
}

/** A policy's name for people: its title when it has one, a known template's, else its name. */
export function policyTitle(policy: { name: string; title?: string | undefined }, lang: Lang): string {
  return policy.title ?? NAMES[lang].policyTitles[policy.name] ?? policy.name;
}
