import { useState } from 'preact/hooks';
import { toLocalDate } from '../../../shared/domain/calendar.ts';
import { complianceQuerySchema } from '../../../shared/schemas/api.ts';
import { apiBlob, get, listAll, saveBlob } from '../api.ts';
import { DayInput, Field, FormMessage, LoadState, useLoad } from '../components/ui.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { useLang } from '../i18n.ts';
import { buildDashboard, type UnitFlag } from '../model/dashboard.ts';
import { dayTextFromIso, isoFromDayText } from '../model/date-text.ts';
import type { AssignmentView, ComplianceReport } from '../types.ts';
import { UnitName } from './dashboard.tsx';

/**
 * The report and, for the same period, the dashboard's flag of each unit (same rule, same
 * assignments: those whose deadline in force falls in the period), so the two pages agree.
 */
async function loadScorecard(period: { from: string; to: string }) {
  const [report, assignments] = await Promise.all([
    get<ComplianceReport>('/reports/compliance', period),
    listAll<AssignmentView>('/assignments'),
  ]);
  const inPeriod = assignments.filter((a) => {
    const due = toLocalDate(new Date(a.dueAt));
    return due >= period.from && due <= period.to;
  });
  const { units } = buildDashboard(inPeriod, new Map());
  return { report, flags: new Map(units.map((u) => [u.unitId, u.flag])) };
}

/** The on-time rate per unit over a period: an inline SVG bar chart, the table, and the API's CSV for Excel. */
export function ScorecardPage() {
  const { t, lang } = useLang();
  const today = toLocalDate(new Date());
  const [draft, setDraft] = useState({
    from: dayTextFromIso(`${today.slice(0, 4)}-01-01`),
    to: dayTextFromIso(`${today.slice(0, 4)}-12-31`),
  });
  const [period, setPeriod] = useState({ from: isoFromDayText(draft.from), to: isoFromDayText(draft.to) });
  const [failure, setFailure] = useState<FormFailure>();
  const loaded = useLoad(() => loadScorecard(period), [period.from, period.to]);
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const submit = (event: Event) => {
    event.preventDefault();
    const asked = { from: isoFromDayText(draft.from), to: isoFromDayText(draft.to) };
    const checked = validate(complianceQuerySchema, asked, lang);
    if (!checked.ok) return setFailure({ errors: checked.errors });
    setFailure(undefined);
    setPeriod(asked);
  };
  const exportCsv = async () => {
    try {
      const csv = await apiBlob('/reports/compliance', { ...period, format: 'csv' });
      saveBlob(csv, `bao-cao-tien-do-${period.from}-${period.to}.csv`);
    } catch (error) {
      setFailure(failureOf(error, lang));
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.scorecardTitle}</h1>
      <form class="card inline-form" onSubmit={submit} noValidate aria-label={t.scorecardTitle}>
        <FormMessage failure={failure} labels={{ from: t.from, to: t.to }} />
        <Field id="score-from" label={t.from} hint={t.dayFormatHint} error={err('from')}>
          <DayInput
            id="score-from"
            name="from"
            value={draft.from}
            error={err('from')}
            onInput={(from) => setDraft({ ...draft, from })}
          />
        </Field>
        <Field id="score-to" label={t.to} hint={t.dayFormatHint} error={err('to')}>
          <DayInput
            id="score-to"
            name="to"
            value={draft.to}
            error={err('to')}
            onInput={(to) => setDraft({ ...draft, to })}
          />
        </Field>
        <div class="buttons">
          <button type="submit" class="primary">
            {t.show}
          </button>
          <button type="button" class="secondary" onClick={exportCsv}>
            {t.exportCsv}
          </button>
        </div>
      </form>
      <LoadState loaded={loaded}>{(d) => <Report report={d.report} flags={d.flags} />}</LoadState>
    </>
  );
}

function rate(r: number | null, t: { notDecided: string }): string {
  return r === null ? t.notDecided : `${Math.round(r * 100)}%`;
}

type ScoreRow = ComplianceReport['units'][number] & { flag: UnitFlag | undefined };

function Report({
  report,
  flags,
}: {
  report: ComplianceReport;
  flags: ReadonlyMap<string, UnitFlag | undefined>;
}) {
  const { t } = useLang();
  const rows: ScoreRow[] = report.units.map((r) => ({ ...r, flag: flags.get(r.unitId) }));
  rows.sort(
    (a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.unitName.localeCompare(b.unitName, 'vi'),
  );
  return (
    <>
      <p class="flag-rule">{t.scorecardAgrees}</p>
      <Chart rows={rows} />
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t.scorecardTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.unit}</th>
              <th scope="col">{t.assigned}</th>
              <th scope="col">{t.doneOnTime}</th>
              <th scope="col">{t.doneLate}</th>
              <th scope="col">{t.overdue}</th>
              <th scope="col">{t.openCol}</th>
              <th scope="col">{t.extended}</th>
              <th scope="col">{t.onTimeRate}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.unitId}>
                <th scope="row">
                  <UnitName row={r} />
                </th>
                <td>{r.assigned}</td>
                <td>{r.doneOnTime}</td>
                <td>{r.doneLate}</td>
                <td>{r.overdue}</td>
                <td>{r.open}</td>
                <td>{r.extended}</td>
                <td>{rate(r.onTimeRate, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Deliveries rows={rows} />
    </>
  );
}

/** What became of the reminders per unit: sent, delivered, failed (main reasons), fell back to email. */
function Deliveries({ rows }: { rows: ScoreRow[] }) {
  const { t } = useLang();
  const sent = rows.filter((r) => r.delivery.sent + r.delivery.failed + r.delivery.fellBackToEmail > 0);
  return (
    <section aria-labelledby="delivery-title">
      <h2 id="delivery-title">{t.deliveryTitle}</h2>
      <p class="flag-rule">{t.deliveryNote}</p>
      {sent.length === 0 ? (
        <p>{t.deliveryNone}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.deliverySent}</th>
                <th scope="col">{t.deliverySmsEmail}</th>
                <th scope="col">{t.deliveryDelivered}</th>
                <th scope="col">{t.deliveryFailed}</th>
                <th scope="col">{t.deliveryFellBack}</th>
                <th scope="col">{t.deliveryReasons}</th>
              </tr>
            </thead>
            <tbody>
              {sent.map(({ unitId, unitName, delivery: d }) => (
                <tr key={unitId}>
                  <th scope="row">{unitName}</th>
                  <td>{d.sent}</td>
                  <td>
                    {d.sms} / {d.email}
                  </td>
                  <td>{d.delivered}</td>
                  <td>{d.failed}</td>
                  <td>{d.fellBackToEmail}</td>
                  <td>{d.reasons.map((x) => `${x.reason} (${x.count})`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const rateClass = (r: number | null) =>
  r === null ? 'rate-none' : r >= 0.8 ? 'rate-good' : r >= 0.5 ? 'rate-fair' : 'rate-poor';

/** The on-time rate per unit as bars of HTML (labels stay legible on a phone, unlike a scaled SVG). */
function Chart({ rows }: { rows: ScoreRow[] }) {
  const { t } = useLang();
  return (
    <figure class="chart">
      <figcaption id="chart-title">{t.chartTitle}</figcaption>
      <ol class="bars" aria-labelledby="chart-title">
        {rows.map((r) => (
          <li key={r.unitId}>
            <span>{r.unitName}</span>
            <span class="bar" aria-hidden="true">
              <span
                class={rateClass(r.onTimeRate)}
                style={{ width: `${Math.round((r.onTimeRate ?? 0) * 100)}%` }}
              />
            </span>
            <span>{rate(r.onTimeRate, t)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
