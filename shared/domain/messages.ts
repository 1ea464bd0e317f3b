import { formatLocalDate, localTimeOf, toLocalDate } from './local-time.ts';
import { type Lang, STATUS_NAMES, T } from './message-texts.ts';
import { type DiacriticsMode, smsInfo, toSmsText } from './sms.ts';
import type { AssignmentStatus } from './status.ts';

/**
 * Reminder texts (Vietnamese by default, English too): one item is one reminder, several are a
 * digest (a unit head with five overdue tasks gets one SMS and one email, not five).
 */
export type { AssignmentStatus, Lang };

export interface ReminderItem {
  unitName: string;
  taskTitle: string;
  /** e.g. `276/UBND-NCPC` */
  directiveNumber: string;
  dueAt: Date;
  status: AssignmentStatus;
  /** Calendar days until the deadline: 0 = due today, negative = days overdue. */
  daysLeft: number;
}

export interface ReminderSmsOptions {
  lang?: Lang;
  /** `strip` sends GSM-7 (160/153 per part), `keep` sends UCS-2 with diacritics (70/67). */
  mode?: DiacriticsMode;
  /** Upper bound on parts; defaults to 2 when stripped, 3 with diacritics (about 300/200 characters). */
  maxSegments?: number;
}

export interface ReminderEmail {
  subject: string;
  body: string;
}

/** The status's name as administrators say it (`quá hạn`, `hoàn thành đúng hạn`, ...). */
function statusName(status: AssignmentStatus, lang: Lang = 'vi'): string {
  return STATUS_NAMES[lang][status];
}

/** `dd/MM/yyyy` in Asia/Ho_Chi_Minh, preceded by `HH:mm` unless due at the end of the day. */
function formatDue(dueAt: Date): string {
  const date = formatLocalDate(toLocalDate(dueAt));
  const time = localTimeOf(dueAt);
  return time === '23:59' ? date : `${time} ${date}`;
}

/** Days left or overdue, with the status where it adds something (`chậm tiến độ, còn 3 ngày`). */
function phrase(item: ReminderItem, lang: Lang, full: boolean): string {
  const t = T[lang];
  if (item.status === 'done-on-time' || item.status === 'done-late') return statusName(item.status, lang);
  const days =
    item.daysLeft > 0 ? t.left(item.daysLeft) : item.daysLeft < 0 ? t.late(-item.daysLeft) : t.today;
  if (item.status === 'overdue') return item.daysLeft < 0 ? days : t.lateToday;
  if (item.status === 'behind-pace' || full) return `${statusName(item.status, lang)}, ${days}`;
  return days;
}

const URGENCY: Record<AssignmentStatus, number> = {
  overdue: 0,
  'behind-pace': 1,
  'due-soon': 2,
  'on-track': 3,
  'done-late': 4,
  'done-on-time': 5,
};

/** Most pressing first: overdue (longest first), behind pace, due soon, on track, closed. */
function byUrgency(items: ReminderItem[]): ReminderItem[] {
  return [...items].sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.daysLeft - b.daysLeft);
}

function callToAction(items: ReminderItem[], lang: Lang): string {
  const cta = T[lang].cta;
  if (items.every((i) => i.status === 'done-on-time' || i.status === 'done-late')) return '';
  if (items.some((i) => i.status === 'overdue')) return cta.overdue;
  return items.some((i) => i.status === 'behind-pace') ? cta.behind : cta.open;
}

/** Shortens at a word boundary and marks the cut with an ellipsis. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function distinctUnits(items: ReminderItem[]): string[] {
  return [...new Set(items.map((i) => i.unitName))];
}

/** Candidate texts, longest and most complete first; the SMS is the first that fits the budget. */
function* smsCandidates(items: ReminderItem[], lang: Lang): Generator<string> {
  const t = T[lang];
  const cta = callToAction(items, lang);
  const withCta = (text: string, keep: boolean) => (keep && cta ? `${text} ${cta}` : text);
  const [first] = items;
  if (items.length === 1 && first) {
    const due = formatDue(first.dueAt);
    for (const [max, keepCta] of [
      [Infinity, true],
      [60, true],
      [60, false],
      [30, false],
    ] as const) {
      const title = max === Infinity ? first.taskTitle : shorten(first.taskTitle, max);
      yield withCta(
        t.smsSingle(first.unitName, title, first.directiveNumber, due, phrase(first, lang, false)),
        keepCta,
      );
    }
    return;
  }
  const sorted = byUrgency(items);
  const units = distinctUnits(items);
  const numbers = new Set(items.map((i) => i.directiveNumber));
  const shared = numbers.size === 1 ? first?.directiveNumber : undefined;
  const overdue = items.filter((i) => i.status === 'overdue').length;
  const [onlyUnit] = units;
  const who = units.length === 1 && onlyUnit ? onlyUnit : t.units(units.length);
  const header = t.smsDigest(who, items.length, overdue, shared);
  for (let shown = sorted.length; shown >= 1; shown -= 1) {
    for (const [max, keepCta] of [
      [40, true],
      [40, false],
      [24, false],
    ] as const) {
      const lines = sorted.slice(0, shown).map((item, index) => {
        const unit = units.length > 1 ? `${item.unitName}: ` : '';
        const number = shared ? '' : ` (${item.directiveNumber})`;
        return `${index + 1}) ${unit}${shorten(item.taskTitle, max)}${number}: ${phrase(item, lang, false)}`;
      });
      if (shown < sorted.length) lines.push(t.more(sorted.length - shown));
      yield withCta(`${header}: ${lines.join('; ')}.`, keepCta);
    }
  }
  yield withCta(`${header}.`, true);
  yield `${header}.`;
  yield `${t.smsDigest(who, items.length, overdue)}.`;
}

/** The longest prefix of `text` that, with an ellipsis, fits `maxSegments` parts. */
function truncateToSegments(text: string, maxSegments: number): string {
  const chars = Array.from(text);
  const ellipsis = smsInfo(text).encoding === 'GSM-7' ? '...' : '…';
  let [low, high] = [0, chars.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (smsInfo(chars.slice(0, mid).join('') + ellipsis).segments <= maxSegments) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join('').trimEnd() + ellipsis;
}

/**
 * The SMS for one reminder or a digest of several, as it will be sent (diacritics kept or
 * stripped) and within `maxSegments` parts: titles are shortened first, then the least urgent
 * items give way to "và N việc khác", and only as a last resort is the text cut.
 */
export function reminderSms(items: ReminderItem[], options: ReminderSmsOptions = {}): string {
  if (items.length === 0) throw new RangeError('reminderSms needs at least one item');
  const lang = options.lang ?? 'vi';
  const mode = options.mode ?? 'strip';
  const maxSegments = Math.max(1, Math.floor(options.maxSegments ?? (mode === 'strip' ? 2 : 3)));
  let last = '';
  for (const candidate of smsCandidates(items, lang)) {
    last = toSmsText(candidate, mode);
    if (smsInfo(last).segments <= maxSegments) return last;
  }
  return truncateToSegments(last, maxSegments);
}

/** Email subject and plain-text body for one reminder or a digest, sent to the unit's topic. */
export function reminderEmail(items: ReminderItem[], options: { lang?: Lang } = {}): ReminderEmail {
  if (items.length === 0) throw new RangeError('reminderEmail needs at least one item');
  const lang = options.lang ?? 'vi';
  const t = T[lang];
  const sorted = byUrgency(items);
  const units = distinctUnits(items);
  const [first] = sorted;
  const [onlyUnit] = units;
  const overdue = items.filter((i) => i.status === 'overdue').length;
  const about =
    items.length === 1 && first
      ? `${shorten(first.taskTitle, 80)} - ${phrase(first, lang, false)}`
      : t.subjectDigest(items.length, overdue);
  const subject = `${t.subject} ${onlyUnit && units.length === 1 ? onlyUnit : t.units(units.length)}: ${about}`;
  const blocks = sorted.map((item, index) =>
    [
      `${index + 1}. ${item.taskTitle}`,
      ...(units.length > 1 ? [`   ${t.fields.unit}: ${item.unitName}`] : []),
      `   ${t.fields.directive}: ${item.directiveNumber}`,
      `   ${t.fields.due}: ${formatDue(item.dueAt)}`,
      `   ${t.fields.status}: ${phrase(item, lang, true)}`,
    ].join('\n'),
  );
  const cta = callToAction(items, lang);
  const body = [
    t.greeting(onlyUnit && units.length === 1 ? onlyUnit : t.everyone),
    '',
    t.intro(items.length),
    '',
    blocks.join('\n\n'),
    '',
    ...(cta ? [cta] : []),
    t.howTo,
    '',
    t.footer,
    '',
  ].join('\n');
  return { subject, body };
}
