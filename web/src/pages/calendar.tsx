import { useMemo, useState } from 'preact/hooks';
import { WorkingCalendar } from '../../../shared/domain/calendar.ts';
import { dayNumber, formatLocalDate, fromDayNumber, weekdayOf } from '../../../shared/domain/local-time.ts';
import { overrideBodySchema } from '../../../shared/schemas/api.ts';
import { api, listAll, post } from '../api.ts';
import {
  ConfirmButton,
  DayInput,
  describedBy,
  Field,
  FormMessage,
  LoadState,
  useLoad,
} from '../components/ui.tsx';
import { clampYear, YearSwitch } from '../components/year-switch.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { useLang } from '../i18n.ts';
import { isoFromDayText } from '../model/date-text.ts';
import { dayWithWeekday } from '../model/date-words.ts';
import { href } from '../router.ts';
import type { CalendarOverride } from '../types.ts';

/**
 * The year's working days and days off (the engine's own calendar, run here), with the
 * administrators' overrides. `#/calendar/2027` opens a year; switching years keeps the address
 * current without moving focus away from the switch.
 */
export function CalendarPage({ initialYear }: { initialYear?: string | undefined }) {
  const { t } = useLang();
  const [year, setYear] = useState(() => clampYear(Number(initialYear) || new Date().getFullYear()));
  const switchTo = (to: number) => {
    setYear(to);
    history.replaceState(null, '', href('calendar', String(to)));
  };
  const loaded = useLoad(() => listAll<CalendarOverride>('/calendar/overrides'), []);
  return (
    <>
      <h1 tabIndex={-1}>{t.calendarTitle}</h1>
      <YearSwitch year={year} onChange={switchTo} />
      <LoadState loaded={loaded}>
        {(overrides) => (
          <>
            <YearView year={year} overrides={overrides} />
            <OverrideForm overrides={overrides} year={year} onSaved={loaded.reload} />
          </>
        )}
      </LoadState>
    </>
  );
}

function YearView({ year, overrides }: { year: number; overrides: CalendarOverride[] }) {
  const { t, lang } = useLang();
  const calendar = useMemo(() => WorkingCalendar.create(overrides), [overrides]);
  const overridden = new Set(overrides.map((o) => o.date));
  const first = dayNumber(`${year}-01-01`);
  const last = dayNumber(`${year}-12-31`);
  let working = 0;
  const offWeekdays: { date: string; reason: string }[] = [];
  for (let n = first; n <= last; n++) {
    const info = calendar.dayInfo(fromDayNumber(n));
    if (info.working) working++;
    else if (weekdayOf(n) !== 0 && weekdayOf(n) !== 6)
      offWeekdays.push({ date: info.date, reason: info.reason });
  }
  return (
    <>
      <p>
        <strong>{t.workingDays(working)}</strong>
      </p>
      <ul class="legend" aria-label="legend">
        <li>
          <span class="day working" aria-hidden="true" /> {t.legendWorking}
        </li>
        <li>
          <span class="day off" aria-hidden="true" /> {t.legendOff}
        </li>
        <li>
          <span class="day working override" aria-hidden="true" /> {t.legendOverride}
        </li>
      </ul>
      <div class="months">
        {t.monthNames.map((name, m) => (
          <Month key={name} year={year} month={m} name={name} calendar={calendar} overridden={overridden} />
        ))}
      </div>
      <section aria-labelledby="off-title">
        <h2 id="off-title">{t.daysOff}</h2>
        <ul class="off-list">
          {offWeekdays.map((d) => (
            <li key={d.date}>
              <time dateTime={d.date}>{dayWithWeekday(d.date, lang)}</time> — {d.reason}
              {overridden.has(d.date) && ' *'}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Month(props: {
  year: number;
  month: number;
  name: string;
  calendar: WorkingCalendar;
  overridden: Set<string>;
}) {
  const { t } = useLang();
  const start = dayNumber(`${props.year}-${String(props.month + 1).padStart(2, '0')}-01`);
  const days: number[] = [];
  for (let n = start; fromDayNumber(n).slice(5, 7) === fromDayNumber(start).slice(5, 7); n++) days.push(n);
  const lead = (weekdayOf(start) + 6) % 7; // Monday first
  const cells: (number | undefined)[] = [...Array.from({ length: lead }, () => undefined), ...days];
  const weeks: (number | undefined)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <table class="month">
      <caption>{props.name}</caption>
      <thead>
        <tr>
          {t.weekdays.map((w) => (
            <th scope="col" key={w}>
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.find((d) => d !== undefined)}>
            {Array.from({ length: 7 }, (_, i) => {
              const n = week[i];
              if (n === undefined) return <td key={`empty-${i}`} />;
              const info = props.calendar.dayInfo(fromDayNumber(n));
              const cls = `day ${info.working ? 'working' : 'off'}${props.overridden.has(info.date) ? ' override' : ''}`;
              return (
                <td key={n} class={cls} title={info.reason}>
                  <span>{Number(info.date.slice(8))}</span>
                  <span class="sr-only">{`${formatLocalDate(info.date)}: ${info.reason}`}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OverrideForm({
  overrides,
  year,
  onSaved,
}: {
  overrides: CalendarOverride[];
  year: number;
  onSaved: () => void;
}) {
  const { t, lang } = useLang();
  const blank = { date: '', kind: 'off', reason: '' };
  const [v, setV] = useState(blank);
  const [failure, setFailure] = useState<FormFailure>();
  const [busy, setBusy] = useState(false);
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    const checked = validate(overrideBodySchema, { ...v, date: isoFromDayText(v.date) }, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    setBusy(true);
    try {
      await post('/calendar/overrides', checked.data);
      setFailure(undefined);
      setV(blank);
      onSaved();
    } catch (error) {
      setFailure(failureOf(error, lang));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (date: string) => {
    try {
      await api('DELETE', `/calendar/overrides/${date}`);
      onSaved();
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <section aria-labelledby="overrides-title" class="card">
      <h2 id="overrides-title">{t.overrides}</h2>
      <ul>
        {overrides
          .filter((o) => o.date.startsWith(String(year)))
          .map((o) => (
            <li key={o.date}>
              {dayWithWeekday(o.date, lang)} — {o.kind === 'off' ? t.off : t.working}: {o.reason}{' '}
              <ConfirmButton
                label={t.remove}
                question={t.confirmRemoveOverride(formatLocalDate(o.date))}
                onConfirm={() => remove(o.date)}
              />
            </li>
          ))}
      </ul>
      <form onSubmit={submit} noValidate aria-label={t.addOverride}>
        <FormMessage
          failure={failure}
          labels={{ date: t.date, kind: t.overrideKind, reason: t.reason }}
          onRetry={submit}
        />
        <div class="grid">
          <Field id="override-date" label={t.date} hint={t.dayFormatHint} error={err('date')}>
            <DayInput
              id="override-date"
              name="date"
              value={v.date}
              error={err('date')}
              onInput={(date) => setV({ ...v, date })}
            />
          </Field>
          <Field id="override-kind" label={t.overrideKind} error={err('kind')}>
            <select
              {...describedBy('override-kind', err('kind'))}
              value={v.kind}
              onChange={(e) => setV({ ...v, kind: e.currentTarget.value })}
            >
              <option value="off">{t.off}</option>
              <option value="working">{t.working}</option>
            </select>
          </Field>
          <Field id="override-reason" label={t.reason} error={err('reason')}>
            <input
              {...describedBy('override-reason', err('reason'))}
              value={v.reason}
              onInput={(e) => setV({ ...v, reason: e.currentTarget.value })}
            />
          </Field>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {t.addOverride}
        </button>
      </form>
    </section>
  );
}
