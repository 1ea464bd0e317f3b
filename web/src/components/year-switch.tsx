import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../../../shared/domain/supported-range.ts';
import { useLang } from '../i18n.ts';

/** Years outside the calendar tables have no holidays to show: the switch stops at both ends. */
export function clampYear(year: number): number {
  return Math.min(LAST_SUPPORTED_YEAR, Math.max(FIRST_SUPPORTED_YEAR, year));
}

export function YearSwitch({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useLang();
  const step = (to: number, text: string) =>
    to === clampYear(to) ? (
      <button type="button" class="secondary" onClick={() => onChange(to)} aria-label={`${t.year} ${to}`}>
        {text}
      </button>
    ) : (
      <span class="year-edge muted">{t.calendarRange(FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR)}</span>
    );
  return (
    <div class="year-switch">
      {step(year - 1, `‹ ${year - 1}`)}
      <h2 aria-live="polite">
        {t.year} {year}
      </h2>
      {step(year + 1, `${year + 1} ›`)}
    </div>
  );
}
