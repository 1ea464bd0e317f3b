import type * as z from 'zod/mini';
import type { Lang } from '../../shared/schemas/i18n/lang.ts';
import { safeParseIn } from '../../shared/schemas/i18n/localize.ts';
import { type FieldErrors, issuesToErrors } from './failures.ts';

export { errorAt, type FieldErrors, type FormFailure, failureOf, labelOf } from './failures.ts';

/** Validates with the API's own zod schema, worded in `lang`; the paths match those of its 400 replies. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  lang: Lang,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = safeParseIn(schema, value, lang);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesToErrors(result.issues) };
}
