import type { DeliveryStatus } from '../../../shared/domain/delivery.ts';
import { type Audience, parseOffset } from '../../../shared/domain/policy.ts';
import type { Channel } from '../../../shared/schemas/common.ts';
import type { Reminder } from '../../../shared/schemas/entities.ts';
import type { Lang } from '../../../shared/schemas/i18n/lang.ts';

/**
 * The console's words for the engine's codes: channels, outcomes, recipients, policy steps (dates
 * and deadlines are in date-words.ts). Codes stay in URLs and in the API; people read these.
 */
const WORDS = {
  vi: {
    channel: { sms: 'SMS', email: 'thư điện tử' } as Record<Channel, string>,
    outcome: {
      pending: 'Đang gửi',
      sent: 'Đã gửi',
      failed: 'Gửi không thành công',
      held: 'Tạm giữ',
      skipped: 'Bỏ qua',
    } as Record<Reminder['outcome'], string>,
    delivery: { carrier: 'đã gửi tới nhà mạng', delivered: 'đã nhận', failed: 'lỗi' } as Record<
      DeliveryStatus,
      string
    >,
    audience: { unit: 'đơn vị', parent: 'cơ quan cấp trên', office: 'Văn phòng UBND' } as Record<
      Audience,
      string
    >,
    unit: { wd: 'ngày làm việc', d: 'ngày', h: 'giờ' },
    before: (n: string) => `${n} trước hạn`,
    after: (n: string) => `Quá hạn ${n}`,
    onDue: 'Vào ngày đến hạn',
    to: 'cho',
    and: 'và',
    repeat: (times: number, every: string) => `, nhắc ${times} lần, cách nhau ${every}`,
    policyTitles: { 'mac-dinh': 'Mặc định' } as Record<string, string>,
  },
  en: {
    channel: { sms: 'SMS', email: 'email' } as Record<Channel, string>,
    outcome: {
      pending: 'Sending',
      sent: 'Sent',
      failed: 'Failed',
      held: 'Held',
      skipped: 'Skipped',
    } as Record<Reminder['outcome'], string>,
    delivery: { carrier: 'with the carrier', delivered: 'delivered', failed: 'not delivered' } as Record<
      DeliveryStatus,
      string
    >,
    audience: { unit: 'the unit', parent: 'the parent unit', office: 'the provincial office' } as Record<
      Audience,
      string
    >,
    unit: { wd: 'working days', d: 'days', h: 'hours' },
    before: (n: string) => `${n} before the deadline`,
    after: (n: string) => `${n} overdue`,
    onDue: 'On the due day',
    to: 'to',
    and: 'and',
    repeat: (times: number, every: string) => `, ${times} times, ${every} apart`,
    policyTitles: { 'mac-dinh': 'Default' } as Record<string, string>,
  },
};

export const channelName = (channel: Channel, lang: Lang): string => WORDS[lang].channel[channel];
/** The outcome, with the carrier's receipt of an SMS when one came back (and its reason when it failed). */
export function outcomeWithDelivery(r: Pick<Reminder, 'outcome' | 'delivery'>, lang: Lang): string {
  const outcome = WORDS[lang].outcome[r.outcome];
  if (!r.delivery) return outcome;
  const reason = r.delivery.status === 'failed' && r.delivery.detail ? ` (${r.delivery.detail})` : '';
  return `${outcome} · ${WORDS[lang].delivery[r.delivery.status]}${reason}`;
}
export const audienceName = (audience: Audience, lang: Lang): string => WORDS[lang].audience[audience];

/** A policy's name for people: its title when it has one, a known template's, else its name. */
export function policyTitle(policy: { name: string; title?: string | undefined }, lang: Lang): string {
  return policy.title ?? WORDS[lang].policyTitles[policy.name] ?? policy.name;
}

/** `-5wd` -> "5 ngày làm việc trước hạn"; `+1wd` -> "Quá hạn 1 ngày làm việc"; `0wd` -> "Vào ngày đến hạn". */
export function offsetText(offset: string, lang: Lang): string {
  const w = WORDS[lang];
  const { count, unit } = parseOffset(offset);
  if (count === 0) return w.onDue;
  const amount = `${Math.abs(count)} ${w.unit[unit]}`;
  return count < 0 ? w.before(amount) : w.after(amount);
}

/** `2wd` -> "2 ngày làm việc". */
function amountText(text: string, lang: Lang): string {
  const { count, unit } = parseOffset(text);
  return `${Math.abs(count)} ${WORDS[lang].unit[unit]}`;
}

/** "5 ngày làm việc trước hạn: thư điện tử cho đơn vị" — a policy step as a clerk would say it. */
export function stepSentence(
  step: {
    offset: string;
    channels: readonly Channel[];
    to: readonly Audience[];
    times?: number;
    repeatEvery?: string | undefined;
  },
  lang: Lang,
): string {
  const w = WORDS[lang];
  const list = (items: string[]) => items.join(` ${w.and} `);
  const channels = list(step.channels.map((c) => w.channel[c]));
  const audiences = list(step.to.map((a) => w.audience[a]));
  const repeat =
    step.times && step.times > 1 && step.repeatEvery
      ? w.repeat(step.times, amountText(step.repeatEvery, lang))
      : '';
  return `${offsetText(step.offset, lang)}: ${channels} ${w.to} ${audiences}${repeat}`;
}
