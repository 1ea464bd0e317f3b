import { useState } from 'preact/hooks';
import { toLocalDate } from '../../../shared/domain/calendar.ts';
import { complianceQuerySchema } from '../../../shared/schemas/api.ts';
import { apiBlob, get } from '../api.ts';
import { describedBy, Field, FormMessage, LoadState, useLoad } from '../components/ui.tsx';
import { errorAt, type FormFailure, failureOf, validate } from '../forms.ts';
import { useLang } from '../i18n.ts';
import type { ComplianceReport } from '../types.ts';

/** The on-time rate per unit over a period: an inline SVG bar chart, the table, and the API's CSV for Excel. */
export function ScorecardPage() {
  const { t } = useLang();
  const today = toLocalDate(new Date());
  const [draft, setDraft] = useState({
    from: `${today.slice(0, 4)}-01-01`,
    to: `${today.slice(0, 4)}-12-31`,
  });
  const [period, setPeriod] = useState(draft);
  const [failure, setFailure] = useState<FormFailure>();
  const loaded = useLoad(
    () => get<ComplianceReport>('/reports/compliance', period),
    [period.from, period.to],
  );
  const err = (p: string) => failure && errorAt(failure.errors, p);
  const submit = (event: Event) => {
    event.preventDefault();
    const checked = validate(complianceQuerySchema, draft);
    if (!checked.ok) return setFailure({ message: t.errorSummary, errors: checked.errors });
    setFailure(undefined);
    setPeriod({ ...draft });
  };
  const exportCsv = async () => {
    try {
      const csv = await apiBlob('/reports/compliance', { ...period, format: 'csv' });
      const url = URL.createObjectURL(csv);
      const link = document.createElement('a');
      link.href = url;
      link.download = `bao-cao-tien-do-${period.from}-${period.to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setFailure(failureOf(error));
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.scorecardTitle}</h1>
      <form class="card inline-form" onSubmit={submit} noValidate aria-label={t.scorecardTitle}>
        <FormMessage failure={failure} />
        <Field id="score-from" label={t.from} error={err('from')}>
          <input
            {...describedBy('score-from', err('from'))}
            type="date"
            value={draft.from}
            onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
        </Field>
        <Field id="score-to" label={t.to} error={err('to')}>
          <input
            {...describedBy('score-to', err('to'))}
            type="date"
            value={draft.to}
            onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
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
      <LoadState loaded={loaded}>{(report) => <Report report={report} />}</LoadState>
    </>
  );
}

function rate(r: number | null, t: { notDecided: string }): string {
  return r === null ? t.notDecided : `${Math.round(r * 100)}%`;
}

function Report({ report }: { report: ComplianceReport }) {
  const { t } = useLang();
  const rows = [...report.units].sort(
    (a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.unitName.localeCompare(b.unitName, 'vi'),
  );
  return (
    <>
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
                <th scope="row">{r.unitName}</th>
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
    </>
  );
}

const BAR_H = 22;
const LABEL_W = 260;
const CHART_W = 720;

function Chart({ rows }: { rows: ComplianceReport['units'] }) {
  const { t } = useLang();
  const width = CHART_W - LABEL_W - 60;
  const height = rows.length * (BAR_H + 6) + 10;
  return (
    <figure class="chart">
      <figcaption id="chart-title">{t.chartTitle}</figcaption>
      <svg viewBox={`0 0 ${CHART_W} ${height}`} role="img" aria-labelledby="chart-title" width="100%">
        <title>{t.chartTitle}</title>
        {rows.map((r, i) => {
          const y = 5 + i * (BAR_H + 6);
          const w = (r.onTimeRate ?? 0) * width;
          const fill =
            r.onTimeRate === null
              ? '#6b6b6b'
              : r.onTimeRate >= 0.8
                ? '#1a6b35'
                : r.onTimeRate >= 0.5
                  ? '#8a5a00'
                  : '#a4161a';
          return (
            <g key={r.unitId}>
              <text x={LABEL_W - 8} y={y + BAR_H - 6} text-anchor="end" font-size="13" fill="#1b1b1b">
                {r.unitName.length > 34 ? `${r.unitName.slice(0, 33)}…` : r.unitName}
              </text>
              <rect x={LABEL_W} y={y} width={width} height={BAR_H} fill="#eceff3" />
              <rect x={LABEL_W} y={y} width={w} height={BAR_H} fill={fill} />
              <text x={LABEL_W + w + 6} y={y + BAR_H - 6} font-size="13" fill="#1b1b1b">
                {rate(r.onTimeRate, t)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
