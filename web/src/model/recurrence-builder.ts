import type { Lang } from '../../../shared/schemas/i18n/lang.ts';

/**
 * The recurrences a provincial office sets (monthly, quarterly, six-monthly, yearly reports), as a
 * clerk says them: "on the 15th" or "before the 15th" (báo cáo trước ngày 15: due the 14th), in a
 * given month of the period; built into the RRULE the engine reads, and read back for display.
 */
export type Frequency = 'none' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';

export interface RecurrenceChoice {
  frequency: Frequency;
  /** `on` the day, or `before` it (the day before is the deadline). */
  when: 'on' | 'before';
  /** 1-31. */
  day: number;
  /** The month within the period: 1-3 of a quarter, 1-6 of a half-year, 1-12 of a year. */
  month: number;
}

export const PERIOD_MONTHS: Record<Exclude<Frequency, 'none'>, number> = {
  monthly: 1,
  quarterly: 3,
  'half-yearly': 6,
  yearly: 12,
};

/** The months (1-12) of the year the rule falls in. */
function monthsOf(period: number, month: number): number[] {
  const months: number[] = [];
  for (let m = month; m <= 12; m += period) months.push(m);
  return months;
}

/** The RRULE of a choice, or undefined for no recurrence. "Before the 1st" is the last day of the month before. */
export function ruleOf(c: RecurrenceChoice): string | undefined {
  if (c.frequency === 'none') return undefined;
  const period = PERIOD_MONTHS[c.frequency];
  const lastOfPrevious = c.when === 'before' && c.day === 1;
  const day = lastOfPrevious ? -1 : c.when === 'before' ? c.day - 1 : c.day;
  if (period === 1) return `FREQ=MONTHLY;BYMONTHDAY=${day}`;
  const months = monthsOf(period, c.month).map((m) => (lastOfPrevious ? ((m + 10) % 12) + 1 : m));
  return `FREQ=YEARLY;BYMONTH=${months.sort((a, b) => a - b).join(',')};BYMONTHDAY=${day}`;
}

/** The choice a rule was built from, when it is one the builder makes (else undefined: shown as text). */
export function choiceOf(rule: string | undefined): RecurrenceChoice | undefined {
  if (!rule) return { frequency: 'none', when: 'on', day: 15, month: 1 };
  for (const frequency of Object.keys(PERIOD_MONTHS) as Exclude<Frequency, 'none'>[]) {
    const period = PERIOD_MONTHS[frequency];
    for (let month = 1; month <= period; month++) {
      for (let day = 1; day <= 31; day++) {
        for (const when of ['on', 'before'] as const) {
          const choice = { frequency, when, day, month };
          if (ruleOf(choice) === rule) return choice;
        }
      }
    }
  }
  return undefined;
}

const WORDS = {
  vi: {
    frequency: {
      monthly: 'Hằng tháng',
      quarterly: 'Hằng quý',
      'half-yearly': 'Sáu tháng một lần',
      yearly: 'Hằng năm',
    },
    on: (d: number) => `vào ngày ${d}`,
    before: (d: number) => `trước ngày ${d}`,
    month: (m: number, period: number) => (period === 12 ? `tháng ${m}` : `tháng thứ ${m} của kỳ`),
  },
  en: {
    frequency: {
      monthly: 'Monthly',
      quarterly: 'Quarterly',
      'half-yearly': 'Every six months',
      yearly: 'Yearly',
    },
    on: (d: number) => `on day ${d}`,
    before: (d: number) => `before day ${d}`,
    month: (m: number, period: number) => (period === 12 ? `of month ${m}` : `of month ${m} of the period`),
  },
};

/** "Hằng quý, trước ngày 15 tháng thứ 3 của kỳ"; a rule the builder does not make is shown as it is. */
export function recurrenceText(rule: string, lang: Lang): string {
  const c = choiceOf(rule);
  if (!c || c.frequency === 'none') return rule;
  const w = WORDS[lang];
  const period = PERIOD_MONTHS[c.frequency];
  const day = c.when === 'on' ? w.on(c.day) : w.before(c.day);
  return `${w.frequency[c.frequency]}, ${day}${period > 1 ? ` ${w.month(c.month, period)}` : ''}`;
}

export const FREQUENCY_NAMES = { vi: WORDS.vi.frequency, en: WORDS.en.frequency };
