import { useLang } from '../i18n.ts';
import {
  type RecurrenceChoice as Choice,
  FREQUENCY_NAMES,
  type Frequency,
  PERIOD_MONTHS,
  ruleOf,
} from '../model/recurrence-builder.ts';

/**
 * Monthly, quarterly, six-monthly or yearly, on or before a day, in a month of the period; the RRULE
 * only as a detail. `kept`: a stored rule the builder cannot make (an import's), offered as it is
 * until another choice replaces it.
 */
export function RecurrenceChoice({
  value,
  kept,
  onChange,
}: {
  value: Choice;
  kept?: string | undefined;
  onChange: (next: Choice) => void;
}) {
  const { t, lang } = useLang();
  const set = (patch: Partial<Choice>) => onChange({ ...value, ...patch });
  const period = value.frequency === 'none' || kept ? 1 : PERIOD_MONTHS[value.frequency];
  const rule = kept ?? ruleOf(value);
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  return (
    <fieldset>
      <legend>{t.recurrenceShort}</legend>
      <div class="grid">
        <label>
          {t.frequency}
          <select
            name="frequency"
            value={kept ? 'kept' : value.frequency}
            onChange={(e) => set({ frequency: e.currentTarget.value as Frequency, month: 1 })}
          >
            {kept && <option value="kept">{t.keptRecurrence}</option>}
            <option value="none">{t.noRecurrence}</option>
            {(Object.keys(PERIOD_MONTHS) as Exclude<Frequency, 'none'>[]).map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_NAMES[lang][f]}
              </option>
            ))}
          </select>
        </label>
        {value.frequency !== 'none' && !kept && (
          <>
            <label>
              {t.onOrBefore}
              <select
                name="when"
                value={value.when}
                onChange={(e) => set({ when: e.currentTarget.value as Choice['when'] })}
              >
                <option value="on">{t.onDay}</option>
                <option value="before">{t.beforeDay}</option>
              </select>
            </label>
            <label>
              {t.dayOfMonth}
              <select
                name="day"
                value={value.day}
                onChange={(e) => set({ day: Number(e.currentTarget.value) })}
              >
                {numbers(28).map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
            {period > 1 && (
              <label>
                {period === 12 ? t.monthOfYear : t.monthOfPeriod}
                <select
                  name="month"
                  value={value.month}
                  onChange={(e) => set({ month: Number(e.currentTarget.value) })}
                >
                  {numbers(period).map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </>
        )}
      </div>
      {rule && (
        <details>
          <summary>{t.ruleDetail}</summary>
          <code>{rule}</code>
        </details>
      )}
    </fieldset>
  );
}
