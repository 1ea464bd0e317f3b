/**
 * SMS text rules: Vietnamese diacritics, GSM 03.38 vs UCS-2, and segment counting.
 *
 * A text is sent as GSM-7 when every character is in the GSM 03.38 basic set or its extension
 * table (extension characters cost two septets: ESC + code); otherwise the whole text goes as
 * UCS-2, counted in UTF-16 code units. Single messages hold 160 septets / 70 code units;
 * concatenated parts lose room to the user-data header and hold 153 / 67.
 *
 * Splitting choice: parts are packed greedily and a part never ends in the middle of an
 * extension character (ESC + code) nor of a surrogate pair — what carriers and the common
 * encoders do, since a split pair would render as garbage on both parts. Hence `segments` can
 * exceed `ceil(units / 153)` (or `/ 67`) by a part when such a character straddles a boundary;
 * for text without extension characters (GSM-7) or astral characters (UCS-2) they are equal.
 * An empty text has zero segments: there is nothing to send.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsInfo {
  encoding: SmsEncoding;
  /** Unicode code points (what a person counts, modulo combining marks). */
  characters: number;
  /** GSM-7 septets (extension characters count 2) or UTF-16 code units for UCS-2. */
  units: number;
  /** Number of SMS parts the text is sent (and billed) as. */
  segments: number;
}

export type DiacriticsMode = 'strip' | 'keep';

/** GSM 03.38 default alphabet (0x1B, the escape, is left out: it is not a character of its own). */
const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);

/** GSM 03.38 extension table: each is sent as ESC + code, two septets. */
const GSM_EXTENSION = new Set(Array.from('^{}\\[~]|€\f'));

export const GSM7_SINGLE = 160;
export const GSM7_PART = 153;
export const UCS2_SINGLE = 70;
export const UCS2_PART = 67;

/**
 * Removes every Vietnamese tone and vowel mark (and any other combining mark): `Nhắc việc` ->
 * `Nhac viec`, `ƯỚC` -> `UOC`; `Đ`/`đ`, which Unicode does not decompose, become `D`/`d`.
 * Works on precomposed (NFC) and decomposed (NFD) input alike; other characters are untouched.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Typography that word processors put into titles and that GSM-7 lacks, with plain stand-ins. */
const TYPOGRAPHY: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u2022\u00b7]/g, '-'],
  [/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g, ' '],
  [/[\u200b-\u200d\u2060\ufeff]/g, ''],
];

/**
 * The text as it will be sent. `keep` only normalises to NFC (precomposed letters cost one
 * UCS-2 unit instead of two or three). `strip` removes diacritics and replaces typographic
 * quotes, dashes, ellipses and odd spaces so that Vietnamese text fits GSM-7.
 */
export function toSmsText(text: string, mode: DiacriticsMode): string {
  if (mode === 'keep') return text.normalize('NFC');
  let plain = stripDiacritics(text);
  for (const [pattern, replacement] of TYPOGRAPHY) plain = plain.replace(pattern, replacement);
  return plain;
}

function isGsm7(chars: string[]): boolean {
  return chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
}

/** Greedy packing of indivisible items (each `size` units) into parts of `part` units. */
function pack(sizes: number[], part: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/** Encoding, length and segment count of `text` exactly as given (call `toSmsText` first). */
export function smsInfo(text: string): SmsInfo {
  const chars = Array.from(text);
  const gsm = isGsm7(chars);
  const sizes = gsm ? chars.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1)) : chars.map((c) => c.length);
  const units = sizes.reduce((sum, n) => sum + n, 0);
  const [single, part] = gsm ? [GSM7_SINGLE, GSM7_PART] : [UCS2_SINGLE, UCS2_PART];
  const segments = units === 0 ? 0 : units <= single ? 1 : pack(sizes, part);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', characters: chars.length, units, segments };
}
