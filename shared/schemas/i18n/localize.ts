import type * as z from 'zod/mini';
import type { FieldIssue } from '../../errors.ts';
import { formatPath } from '../validation.ts';
import { EN_WORDS } from './en.ts';
import type { IssueWords } from './issue-words.ts';
import type { Lang } from './lang.ts';
import { VI_WORDS } from './vi.ts';

export const ISSUE_WORDS: Record<Lang, IssueWords> = { vi: VI_WORDS, en: EN_WORDS };

type Issue = z.core.$ZodIssue;

/** The rule a schema worded itself, in `words`' language, when it is one the maps know. */
function explicitRule(rule: string, words: IssueWords): string | undefined {
  for (const [pattern, say] of words.explicit) {
    const match = pattern.exec(rule);
    if (match) return say(...match.slice(1));
  }
  return undefined;
}

function sizeRule(issue: Issue & { code: 'too_small' | 'too_big' }, words: IssueWords): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    if (small && bound <= 1) return words.notEmpty;
    return small ? words.minLength(bound) : words.maxLength(bound);
  }
  if (issue.origin === 'array' || issue.origin === 'set')
    return small ? words.minItems(bound) : words.maxItems(bound);
  const inclusive = issue.inclusive !== false;
  return small ? words.minNumber(bound, inclusive) : words.maxNumber(bound, inclusive);
}

function codeRule(issue: Issue, words: IssueWords): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input == null ? words.required : words.wrongType(issue.expected);
    case 'invalid_union': {
      if (issue.input == null) return words.required;
      // The first alternative's complaint (a deadline: "not a real date" rather than "not valid").
      const first = issue.errors[0]?.[0];
      return first ? localizeIssue(first as Issue, words.lang) : words.invalid;
    }
    case 'too_small':
    case 'too_big':
      return sizeRule(issue, words);
    case 'invalid_value':
      return words.oneOf(issue.values.map(String).join(', '));
    case 'invalid_format':
      if (issue.format === 'datetime') return words.dateTime;
      return issue.format === 'email' ? words.email : words.format;
    case 'unrecognized_keys':
      return words.notAllowed;
    default:
      return words.invalid;
  }
}

/** One zod issue as a sentence in `lang`: the schema's own rule when the map knows it, else by code. */
export function localizeIssue(issue: Issue, lang: Lang): string {
  const words = ISSUE_WORDS[lang];
  if (issue.code === 'invalid_type' && issue.expected === 'int') return words.integer;
  return explicitRule(issue.message, words) ?? codeRule(issue, words);
}

/**
 * A rule as the API words it (English, in a 400's `issues`) in `lang`. The console validates with
 * the same schemas first, so what reaches here is mostly a use case's rule; one the maps do not
 * know reads as "not valid" rather than as English on a Vietnamese screen.
 */
export function localizeRule(rule: string, lang: Lang): string {
  const words = ISSUE_WORDS[lang];
  return explicitRule(rule, words) ?? (lang === 'en' ? rule : words.invalid);
}

/** Parses like `schema.safeParse`, with every issue localized and placed at its field path. */
export function safeParseIn<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  lang: Lang,
): { success: true; data: z.output<S> } | { success: false; issues: FieldIssue[] } {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { success: true, data: result.data };
  const issues: FieldIssue[] = [];
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const path = formatPath(key === undefined ? issue.path : [...issue.path, key]);
      issues.push({ path: path || '(body)', rule: localizeIssue(issue, lang) });
    }
  }
  return { success: false, issues };
}
