import {
  API_ERROR_MESSAGES,
  BUSY_MESSAGES,
  codeOfStatus,
  isApiErrorCode,
  NETWORK_MESSAGES,
} from '../../shared/schemas/i18n/api-errors.ts';
import type { Lang } from '../../shared/schemas/i18n/lang.ts';
import { localizeRule } from '../../shared/schemas/i18n/localize.ts';
import { ApiError } from './api.ts';

/**
 * What went wrong, as a form shows it: per-field rules and the failure's message. No zod here: the
 * shell (every page's first script) imports this, and zod comes only with the pages that validate.
 */
/** Field path (as the API writes it: `due`, `lead[1]`, `steps[2].offset`) -> the rule it broke. */
export type FieldErrors = Record<string, string>;

export interface FormFailure {
  /** What happened, when more than "fix the fields below" (the API's or the network's failure). */
  message?: string | undefined;
  errors: FieldErrors;
  /** Nothing was wrong with the input: trying again may work (network, server). */
  retryable?: boolean;
}

export function issuesToErrors(issues: readonly { path: string; rule: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues)
    errors[issue.path] = errors[issue.path] ? `${errors[issue.path]}; ${issue.rule}` : issue.rule;
  return errors;
}

/**
 * An API or network failure in `lang`: the meaning of the API's error code (in English the API's
 * own message, which is more specific), its field issues localized, and whether a retry may help.
 */
export function failureOf(error: unknown, lang: Lang): FormFailure {
  if (error instanceof ApiError) {
    if (error.status === 429) return { message: BUSY_MESSAGES[lang], errors: {}, retryable: true };
    const code = isApiErrorCode(error.code) ? error.code : codeOfStatus(error.status);
    const known = code ? API_ERROR_MESSAGES[lang][code] : undefined;
    const specific = lang === 'en' && ['conflict', 'forbidden', 'not-found'].includes(error.code);
    const message = specific ? error.message : (known ?? error.message);
    const issues = error.issues.map((i) => ({ path: i.path, rule: localizeRule(i.rule, lang) }));
    return { message, errors: issuesToErrors(issues), retryable: error.status >= 500 };
  }
  return { message: NETWORK_MESSAGES[lang], errors: {}, retryable: true };
}

/** The errors at `path` or under it (`due` also collects `due.after`). */
export function errorAt(errors: FieldErrors, ...paths: string[]): string | undefined {
  const found: string[] = [];
  for (const [key, rule] of Object.entries(errors)) {
    if (paths.some((p) => key === p || key.startsWith(`${p}.`) || key.startsWith(`${p}[`))) found.push(rule);
  }
  return found.length ? found.join('; ') : undefined;
}

/**
 * The label a clerk knows for a field path: the exact path, else the path without indices
 * (`steps[2].offset` -> `steps.offset`), else its first name; undefined when none is labelled.
 */
export function labelOf(path: string, labels: Readonly<Record<string, string>>): string | undefined {
  const plain = path.replace(/\[\d+\]/g, '');
  return labels[path] ?? labels[plain] ?? labels[plain.split('.')[0] ?? ''];
}
