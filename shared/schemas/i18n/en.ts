import type { IssueWords } from './issue-words.ts';

/** English messages for the shared schemas, as plain as the Vietnamese ones (no zod jargon). */
export const EN_WORDS: IssueWords = {
  lang: 'en',
  required: 'is required',
  notEmpty: 'must not be empty',
  wrongType: (expected) => (expected === 'number' ? 'must be a number' : 'is not valid'),
  oneOf: (values) => `must be one of: ${values}`,
  minLength: (n) => `must have at least ${n} characters`,
  maxLength: (n) => `must have at most ${n} characters`,
  minItems: (n) => (n === 1 ? 'choose at least one' : `choose at least ${n}`),
  maxItems: (n) => `choose at most ${n}`,
  minNumber: (n, inclusive) => (inclusive ? `must be at least ${n}` : `must be more than ${n}`),
  maxNumber: (n, inclusive) => (inclusive ? `must be at most ${n}` : `must be less than ${n}`),
  integer: 'must be a whole number',
  dateTime: 'must be a date and time',
  email: 'must be an email address such as ten@example.gov.vn',
  format: 'is not in the expected format',
  notAllowed: 'is not allowed',
  invalid: 'is not valid',
  explicit: [
    [/^must be a Vietnamese mobile number/, () => 'must be a Vietnamese mobile number such as 0912 345 678'],
    [/^must be a slug/, () => 'may use only letters, digits, ".", "_" or "-" (at most 80)'],
    [/^must be a lower-case slug$/, () => 'may use only lower-case letters, digits and "-"'],
    [/^must be a date YYYY-MM-DD$/, () => 'must be a date dd/mm/yyyy'],
    [/^must be a real calendar date$/, () => 'is not a real date'],
    [/^must be a time HH:MM/, () => 'must be a time hh:mm (24-hour)'],
    [/^must not be after `to`$/, () => 'must not be after the end date'],
    [/^must be a signed count of wd/, () => 'must be a number of working days, days or hours'],
    [/^must be a positive count of wd/, () => 'must be a positive number of working days, days or hours'],
    [/^must not repeat a (.+)$/, (what = '') => `must not repeat a ${what}`],
    [/^is required when times > 1$/, () => 'is required when the reminder repeats'],
    [/^must differ from quietHours\.start$/, () => 'must differ from the start of quiet hours'],
    [
      /^must be outside quiet hours \((.+)-(.+)\)$/,
      (a = '', b = '') => `must be outside quiet hours (${a}–${b})`,
    ],
    [/^must name at least one channel$/, () => 'choose at least one channel'],
    [/^must name at least one audience$/, () => 'choose at least one recipient'],
    [/^must have at least one step$/, () => 'add at least one step'],
    [/^required (unless|for) /, () => 'is required'],
    [
      /^is used by (\d+) tasks?/,
      (n = '') =>
        `is used by ${n} task${n === '1' ? '' : 's'}; move them to another policy before deleting it`,
    ],
    [
      /^unit "(.+)" has already acted on its assignment/,
      (unit = '') => `${unit} has already acknowledged, reported on or asked to extend it, so it stays`,
    ],
  ],
};
