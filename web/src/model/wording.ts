import { type Audience, parseOffset } from '../../../shared/domain/policy.ts';
import type { Channel } from '../../../shared/schemas/common.ts';
import type { Lang } from '../../../shared/schemas/i18n/lang.ts';
import { NAMES } from './names.ts';

/**
 * Policy steps in words (names of codes are in names.ts, dates in date-words.ts).
 */
const WORDS = {
  vi: {
    unit: { wd: 'ngày làm việc', d: 'ngày', h: 'giờ' },
    before: (n: string) => `${n} trước hạn`,
    after: (n: string) => `Quá hạn ${n}`,
    onDue: 'Vào ngày đến hạn',
    to: 'cho',
    and: 'và',
    repeat: (times: number, every: string) => `, nhắc ${times} lần, cách nhau ${every}`,
  },
  en: {
    unit: { wd: 'working days', d: 'days', h: 'hours' },
    before: (n: string) => `${n} before the deadline`,
    after: (n: string) => `${n} overdue`,
    onDue: 'On the due day',
    to: 'to',
    and: 'and',
    repeat: (times: number, every: string) => `, ${times} times, ${every} apart`,
  },
};

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
  const channels = list(step.channels.map((c) => NAMES[lang].channel[c]));
  const audiences = list(step.to.map((a) => NAMES[lang].audience[a]));
  const repeat =
    step.times && step.times > 1 && step.repeatEvery
      ? w.repeat(step.times, amountText(step.repeatEvery, lang))
      : '';
  return `${offsetText(step.offset, lang)}: ${channels} ${w.to} ${audiences}${repeat}`;
}
