/**
 * Dates and times as a Vietnamese clerk types them, whatever the browser's locale: `14/12/2026`
 * (also `14-12-2026`, `14.12.2026`, `4/1/2027`) and `17:00` (also `17h`, `9:30`, `17h30`), 24-hour.
 * Native date and time inputs follow the browser's locale (mm/dd/yyyy, "09:00 PM"), so the console
 * uses text inputs and these conversions; what does not convert is passed on as typed, for the
 * schema to reject with its rule.
 */
const DATE = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;
const TIME = /^\s*(\d{1,2})(?:[:hg](\d{2})?)?\s*$/i;

/** `14/12/2026` -> `2026-12-14`; anything else unchanged (already ISO, or not a date). */
export function isoFromDayText(text: string): string {
  const m = DATE.exec(text);
  if (!m) return text.trim();
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

/** `2026-12-14` -> `14/12/2026`; '' stays ''. */
export function dayTextFromIso(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `17h` -> `17:00`, `9:30` -> `09:30`; anything else unchanged. */
export function timeFromText(text: string): string {
  const m = TIME.exec(text);
  if (!m) return text.trim();
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? '00'}`;
}
