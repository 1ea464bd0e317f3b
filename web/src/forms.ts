import type * as z from 'zod';
import { toFieldIssues } from '../../shared/schemas/validation.ts';
import { ApiError } from './api.ts';

/** Field path (as the API writes it: `due`, `lead[1]`, `steps[2].offset`) -> the rule it broke. */
export type FieldErrors = Record<string, string>;

export interface FormFailure {
  message: string;
  errors: FieldErrors;
}

export function issuesToErrors(issues: readonly { path: string; rule: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues)
    errors[issue.path] = errors[issue.path] ? `${errors[issue.path]}; ${issue.rule}` : issue.rule;
  return errors;
}

/** Validates with the API's own zod schema; the paths match those of its 400 replies. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesToErrors(toFieldIssues(result.error)) };
}

/** An API or network failure as a form message and per-field errors. */
export function failureOf(error: unknown): FormFailure {
  if (error instanceof ApiError) return { message: error.message, errors: issuesToErrors(error.issues) };
  return { message: error instanceof Error ? error.message : String(error), errors: {} };
}

/** The errors at `path` or under it (`due` also collects `due.after`). */
export function errorAt(errors: FieldErrors, ...paths: string[]): string | undefined {
  const found: string[] = [];
  for (const [key, rule] of Object.entries(errors)) {
    if (paths.some((p) => key === p || key.startsWith(`${p}.`) || key.startsWith(`${p}[`))) found.push(rule);
  }
  return found.length ? found.join('; ') : undefined;
}
