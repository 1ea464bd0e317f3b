import {
  byUrgency,
  callToAction,
  distinctUnits,
  formatDue,
  phrase,
  type ReminderItem,
  shorten,
} from './message-parts.ts';
import { type Lang, T } from './message-texts.ts';
import { type DiacriticsMode, smsInfo, toSmsText } from './sms.ts';

export interface ReminderSmsOptions {
  lang?: Lang;
  /** `strip` sends GSM-7 (160/153 per part), `keep` sends UCS-2 with diacritics (70/67). */
  mode?: DiacriticsMode;
  /**
   * Upper bound on parts, link included. Defaults: stripped, 1 for a single item and 2 for a
   * digest (160 / 306 characters); with diacritics, 3 (about 200 characters).
   */
  maxSegments?: number;
  /** The recipient's link (`https://<console>/l/<code>`), last in the text and never cut. */
  link?: string | undefined;
  /** `report`: a personal link to act through (the default); `view`: the console, to look. */
  linkFor?: 'report' | 'view';
}

/** One way of wording a single item: what is kept, from the most complete to the most compact. */
interface Level {
  prefix: boolean;
  cta: boolean;
  lead: boolean;
  year: boolean;
  unitMax: number;
  /** The title is shortened to the longest that fits, but not below this (Infinity: never shortened). */
  titleMin: number;
}

const FULL: Level = {
  prefix: true,
  cta: true,
  lead: true,
  year: true,
  unitMax: Infinity,
  titleMin: Infinity,
};
/** Dropped in this order: the call to action, the year, the link's lead, "Nhắc việc"; then titles, then unit names, are shortened. */
const SINGLE_LEVELS: Level[] = [
  FULL,
  { ...FULL, cta: false },
  { ...FULL, cta: false, year: false },
  { ...FULL, cta: false, year: false, lead: false },
  { ...FULL, cta: false, year: false, lead: false, prefix: false },
  { ...FULL, cta: false, year: false, lead: false, prefix: false, titleMin: 30 },
  { ...FULL, cta: false, year: false, lead: false, prefix: false, titleMin: 24, unitMax: 30 },
  { ...FULL, cta: false, year: false, lead: false, prefix: false, titleMin: 12, unitMax: 20 },
];

/** A digest line's title length, and whether the call to action and the link's lead stay. */
const DIGEST_LEVELS = [
  { titleMax: 40, unitMax: 32, cta: true, lead: true },
  { titleMax: 40, unitMax: 32, cta: false, lead: true },
  { titleMax: 24, unitMax: 32, cta: false, lead: true },
  { titleMax: 24, unitMax: 24, cta: false, lead: false },
  { titleMax: 16, unitMax: 24, cta: false, lead: false },
];

type Fits = (body: string, lead: boolean) => boolean;
interface Wording {
  body: string;
  lead: boolean;
}

function singleBody(item: ReminderItem, lang: Lang, level: Level, titleMax: number): string {
  const cta = level.cta ? callToAction([item], lang) : '';
  const text = T[lang].smsSingle(
    shorten(item.unitName, level.unitMax),
    shorten(item.taskTitle, titleMax),
    item.directiveNumber,
    formatDue(item.dueAt, level.year),
    phrase(item, lang, false),
    level.prefix,
  );
  return cta ? `${text} ${cta}` : text;
}

/** The longest wording of one item that fits: the title shortened as little as the level allows. */
function single(item: ReminderItem, lang: Lang, fits: Fits): Wording | undefined {
  const full = Array.from(item.taskTitle).length;
  for (const level of SINGLE_LEVELS) {
    const fitsAt = (titleMax: number) => fits(singleBody(item, lang, level, titleMax), level.lead);
    if (fitsAt(full)) return { body: singleBody(item, lang, level, full), lead: level.lead };
    let [low, high] = [Math.min(level.titleMin, full), full - 1];
    if (!fitsAt(low)) continue;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fitsAt(mid)) low = mid;
      else high = mid - 1;
    }
    return { body: singleBody(item, lang, level, low), lead: level.lead };
  }
  return undefined;
}

/** The most items (most urgent first) that fit, the rest counted as "+N nhiệm vụ khác". */
function digest(items: ReminderItem[], lang: Lang, fits: Fits): Wording | undefined {
  const t = T[lang];
  const cta = callToAction(items, lang);
  const sorted = byUrgency(items);
  const units = distinctUnits(items);
  const numbers = new Set(items.map((i) => i.directiveNumber));
  const shared = numbers.size === 1 ? items[0]?.directiveNumber : undefined;
  const overdue = items.filter((i) => i.status === 'overdue').length;
  const [onlyUnit] = units;
  const who = units.length === 1 && onlyUnit ? onlyUnit : t.units(units.length);
  const header = t.smsDigest(who, items.length, overdue, shared);
  for (let shown = sorted.length; shown >= 0; shown -= 1) {
    for (const level of DIGEST_LEVELS) {
      const lines = sorted.slice(0, shown).map((item, index) => {
        const unit = units.length > 1 ? `${shorten(item.unitName, level.unitMax)}: ` : '';
        const number = shared ? '' : ` (${item.directiveNumber})`;
        return `${index + 1}) ${unit}${shorten(item.taskTitle, level.titleMax)}${number}: ${phrase(item, lang, false)}`;
      });
      if (shown < sorted.length && shown > 0) lines.push(t.more(sorted.length - shown));
      const text = shown > 0 ? `${header}: ${lines.join('; ')}.` : `${header}.`;
      const body = level.cta && cta ? `${text} ${cta}` : text;
      if (fits(body, level.lead)) return { body, lead: level.lead };
    }
  }
  return undefined;
}

/** The longest prefix of `text` that, with an ellipsis and then `tail`, fits `maxSegments` parts. */
function truncateToSegments(text: string, tail: string, maxSegments: number): string {
  const chars = Array.from(text);
  const ellipsis = smsInfo(text + tail).encoding === 'GSM-7' ? '...' : '…';
  let [low, high] = [0, chars.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (smsInfo(chars.slice(0, mid).join('') + ellipsis + tail).segments <= maxSegments) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join('').trimEnd() + ellipsis + tail;
}

/**
 * The SMS for one reminder or a digest of several, as it will be sent (diacritics kept or
 * stripped) and within `maxSegments` parts WITH the link: the call to action and the link's lead
 * go first, then titles (and unit names) are shortened, then the least urgent items give way to
 * "+N nhiệm vụ khác"; only as a last resort is the text cut, and never the link.
 */
export function reminderSms(items: ReminderItem[], options: ReminderSmsOptions = {}): string {
  if (items.length === 0) throw new RangeError('reminderSms needs at least one item');
  const lang = options.lang ?? 'vi';
  const mode = options.mode ?? 'strip';
  const budget = options.maxSegments ?? (mode === 'keep' ? 3 : items.length === 1 ? 1 : 2);
  const maxSegments = Math.max(1, Math.floor(budget));
  const link = options.link;
  const lead = T[lang].linkLead[options.linkFor ?? 'report'];
  const tail = link ? ` ${link}` : '';
  const sms = (body: string, withLead: boolean) =>
    toSmsText(link && withLead ? `${body} ${lead}` : body, mode) + tail;
  const fits: Fits = (body, withLead) => smsInfo(sms(body, withLead)).segments <= maxSegments;
  const [first] = items;
  const chosen = items.length === 1 && first ? single(first, lang, fits) : digest(items, lang, fits);
  if (chosen) return sms(chosen.body, chosen.lead);
  // Only for names no real directive has (a 60-character number): the most compact wording, cut.
  const compact = SINGLE_LEVELS[SINGLE_LEVELS.length - 1];
  const last =
    items.length === 1 && first && compact
      ? singleBody(first, lang, compact, compact.titleMin)
      : `${T[lang].smsDigest(T[lang].units(distinctUnits(items).length), items.length, 0)}.`;
  return truncateToSegments(toSmsText(last, mode), tail, maxSegments);
}
