import type { Lang } from './lang.ts';

/**
 * The words of one language for the rules the shared zod schemas check. `vi.ts` and `en.ts` fill
 * it; `localizeIssue` picks the sentence from the issue's code and parameters (never from zod's own
 * English), and the rules the schemas word themselves are matched by `explicit`.
 */
export interface IssueWords {
  lang: Lang;
  required: string;
  notEmpty: string;
  wrongType: (expected: string) => string;
  oneOf: (values: string) => string;
  minLength: (n: number) => string;
  maxLength: (n: number) => string;
  minItems: (n: number) => string;
  maxItems: (n: number) => string;
  minNumber: (n: number, inclusive: boolean) => string;
  maxNumber: (n: number, inclusive: boolean) => string;
  integer: string;
  dateTime: string;
  email: string;
  format: string;
  notAllowed: string;
  invalid: string;
  /** The rules a schema words itself (the English text as written there, or a pattern of it). */
  explicit: readonly (readonly [RegExp, (...groups: string[]) => string])[];
}
