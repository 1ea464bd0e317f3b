import {
  dayNumber,
  dayNumberOfInstant,
  formatLocalDate,
  localTimeOf,
  toLocalDate,
  weekdayOf,
} from '../../../shared/domain/local-time.ts';
import type { DeadlineRule } from '../../../shared/schemas/entities.ts';
import type { Lang } from '../../../shared/schemas/i18n/lang.ts';

/** Dates as the console shows them: dd/mm/yyyy, 24-hour, with the weekday where it helps. */
const WORDS = {
  vi: {
    weekdays: ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
    endOf: (day: string) => `hết ngày ${day}`,
    workingDaysAfter: (n: number, day: string) => `${n} ngày làm việc kể từ ${day}`,
  },
  en: {
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    endOf: (day: string) => `end of ${day}`,
    workingDaysAfter: (n: number, day: string) => `${n} working days after ${day}`,
  },
};

/** `2026-12-14` -> "Thứ Hai 14/12/2026". */
export function dayWithWeekday(date: string, lang: Lang): string {
  return `${WORDS[lang].weekdays[weekdayOf(dayNumber(date))]} ${formatLocalDate(date)}`;
}

/** An instant -> "17:00 Thứ Hai 14/12/2026" (local time, 24-hour). */
export function instantText(iso: string, lang: Lang): string {
  const at = new Date(iso);
  return `${localTimeOf(at)} ${WORDS[lang].weekdays[weekdayOf(dayNumberOfInstant(at))]} ${formatLocalDate(toLocalDate(at))}`;
}

/** A task's deadline rule in words: a date, a date and time, or N working days after a date. */
export function deadlineText(rule: DeadlineRule, lang: Lang): string {
  const w = WORDS[lang];
  if (typeof rule === 'string')
    return rule.includes('T') ? instantText(rule, lang) : w.endOf(dayWithWeekday(rule, lang));
  return w.workingDaysAfter(rule.workingDays, formatLocalDate(rule.after));
}
