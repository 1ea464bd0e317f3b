import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import * as z from 'zod';
import { vnPhoneMetadata } from './phone-metadata-vn.ts';

/** The rule a rejected phone number is told about. */
export const PHONE_RULE = 'must be a Vietnamese mobile number such as 0912 345 678 or +84 912 345 678';

/** Separators people type inside numbers: spaces, dots, dashes, parentheses. */
const SEPARATORS = /[\s.\-()]/g;

/** Mobile numbers: 0 + 9 digits starting 3, 5, 7, 8 or 9 (E.164: +84 and those 9 digits). */
const VN_MOBILE_E164 = /^\+84[35789]\d{8}$/;

/**
 * A Vietnamese mobile number as typed (`0912 345 678`, `0912.345.678`, `+84 912 345 678`,
 * `84912345678`) in E.164 (`+84912345678`), or `undefined` when it is not one. Landlines
 * (`024 3825 1234`, `0209 ...`), foreign and impossible numbers are refused: SMS reminders
 * only reach mobiles. libphonenumber's full ("max") metadata for Vietnam decides validity and the line type.
 */
export function toE164Mobile(input: string): string | undefined {
  const compact = input.trim().replace(SEPARATORS, '');
  if (!/^(\+|00)?\d{9,13}$/.test(compact)) return undefined;
  const parsed = parsePhoneNumberFromString(compact, 'VN', vnPhoneMetadata);
  if (!parsed?.isValid() || parsed.country !== 'VN') return undefined;
  if (parsed.getType() !== 'MOBILE' || !VN_MOBILE_E164.test(parsed.number)) return undefined;
  return parsed.number;
}

/** zod schema of a contact's phone: accepts the usual ways of typing it, outputs E.164. */
export const phoneSchema = z.string().transform((input, ctx) => {
  const e164 = toE164Mobile(input);
  if (e164 === undefined) {
    ctx.addIssue({ code: 'custom', message: PHONE_RULE });
    return z.NEVER;
  }
  return e164;
});
