import { formatLocalDate, localTimeOf, toLocalDate } from './local-time.ts';
import { type Lang, STATUS_NAMES, T } from './message-texts.ts';
import type { AssignmentStatus } from './status.ts';

/** What the SMS and email templates share: one reminder item and the phrases built from it. */
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

const isClosed = (i: ReminderItem) => i.status === 'done-on-time' || i.status === 'done-late';

/** `dd/MM/yyyy` (or `dd/MM` when `year` is false) in Asia/Ho_Chi_Minh, preceded by `HH:mm` unless due at the end of the day. */
export function formatDue(dueAt: Date, year = true): string {
  const date = formatLocalDate(toLocalDate(dueAt));
  const time = localTimeOf(dueAt);
  const day = year ? date : date.slice(0, 5);
  return time === '23:59' ? day : `${time} ${day}`;
}

/** Days left or overdue, with the status where it adds something (`chậm tiến độ, còn 3 ngày`). */
export function phrase(item: ReminderItem, lang: Lang, full: boolean): string {
  const t = T[lang];
  if (isClosed(item)) return STATUS_NAMES[lang][item.status];
  const days =
    item.daysLeft > 0 ? t.left(item.daysLeft) : item.daysLeft < 0 ? t.late(-item.daysLeft) : t.today;
  if (item.status === 'overdue') return item.daysLeft < 0 ? days : t.lateToday;
  if (item.status === 'behind-pace' || full) return `${STATUS_NAMES[lang][item.status]}, ${days}`;
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
export function byUrgency(items: ReminderItem[]): ReminderItem[] {
  return [...items].sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.daysLeft - b.daysLeft);
}

/** What the recipient is asked to do; empty when every item is closed. */
export function callToAction(items: ReminderItem[], lang: Lang): string {
  const cta = T[lang].cta;
  if (items.every(isClosed)) return '';
  if (items.some((i) => i.status === 'overdue')) return cta.overdue;
  return items.some((i) => i.status === 'behind-pace') ? cta.behind : cta.open;
}

/** Shortens at a word boundary and marks the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(1, max - 1)).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function distinctUnits(items: ReminderItem[]): string[] {
  return [...new Set(items.map((i) => i.unitName))];
}
