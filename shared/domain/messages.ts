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
import type { AssignmentStatus } from './status.ts';

export { type ReminderSmsOptions, reminderSms } from './reminder-sms.ts';
/**
 * Reminder texts (Vietnamese by default, English too): one item is one reminder, several are a
 * digest (a unit head with five overdue tasks gets one SMS and one email, not five). Each text
 * may carry the recipient's personal link, part of the text and of its segment budget.
 */
export type { AssignmentStatus, Lang, ReminderItem };

export interface ReminderEmailOptions {
  lang?: Lang;
  /** The recipient's personal link (or the console's address, with `linkFor: 'view'`). */
  link?: string | undefined;
  linkFor?: 'report' | 'view';
  /** Console addresses of the formal letters drafted for these items (the office's email). */
  letters?: string[] | undefined;
}

export interface ReminderEmail {
  subject: string;
  body: string;
}

/** Email subject and plain-text body for one reminder or a digest, with the link under the call to action. */
export function reminderEmail(items: ReminderItem[], options: ReminderEmailOptions = {}): ReminderEmail {
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
  const link = options.link ? t.emailLink[options.linkFor ?? 'report'](options.link) : undefined;
  const body = [
    t.greeting(onlyUnit && units.length === 1 ? onlyUnit : t.everyone),
    '',
    t.intro(items.length),
    '',
    blocks.join('\n\n'),
    '',
    ...(cta ? [cta] : []),
    ...(link ? [link] : []),
    ...(options.letters ?? []).map(t.letterLink),
    t.howTo,
    '',
    t.footer,
    '',
  ].join('\n');
  return { subject, body };
}
