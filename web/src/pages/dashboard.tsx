import { listAll } from '../api.ts';
import { LoadState, StatusBadge, useLoad, when } from '../components/ui.tsx';
import { statusLabel, useLang } from '../i18n.ts';
import { buildDashboard, type Dashboard, STATUSES, type UnitRow } from '../model/dashboard.ts';
import { href } from '../router.ts';
import type { AssignmentView, Unit } from '../types.ts';

async function loadDashboard(): Promise<Dashboard> {
  const [assignments, units] = await Promise.all([
    listAll<AssignmentView>('/assignments'),
    listAll<Unit>('/units'),
  ]);
  return buildDashboard(assignments, new Map(units.map((u) => [u.id, u.name])));
}

/** Administrators' overview: counts per status, who needs a call (and why), the next reminder checks. */
export function DashboardPage() {
  const { t } = useLang();
  const loaded = useLoad(loadDashboard, []);
  return (
    <>
      <h1 tabIndex={-1}>{t.dashboardTitle}</h1>
      <LoadState loaded={loaded}>{(d) => <DashboardView dashboard={d} />}</LoadState>
    </>
  );
}

export function StatusCounts({ counts }: { counts: Dashboard['counts'] }) {
  const { t, lang } = useLang();
  return (
    <section aria-labelledby="counts-title">
      <h2 id="counts-title">{t.countsTitle}</h2>
      <ul class="counts">
        {STATUSES.map((s) => (
          <li key={s} class={`count status-${s}`} data-status={s}>
            <span class="count-n">{counts[s]}</span> <span class="count-label">{statusLabel(s, lang)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The unit's name, linking to its assignments, and the flag with its reason when it needs a call. */
export function UnitName({ row }: { row: Pick<UnitRow, 'unitId' | 'unitName' | 'flag'> }) {
  const { t } = useLang();
  return (
    <>
      <a href={href('units', row.unitId, 'assignments')}>{row.unitName}</a>
      {row.flag && (
        <span class="tag-flag" title={row.flag === 'overdue' ? t.flagOverdue : t.flagBehindShare}>
          {' '}
          {t.needsCall}
          <span class="sr-only">: {row.flag === 'overdue' ? t.flagOverdue : t.flagBehindShare}</span>
        </span>
      )}
    </>
  );
}

function DashboardView({ dashboard }: { dashboard: Dashboard }) {
  const { t, lang } = useLang();
  if (dashboard.units.length === 0) return <p>{t.noAssignments}</p>;
  const flagged = dashboard.units.filter((u) => u.flag).length;
  return (
    <>
      <StatusCounts counts={dashboard.counts} />
      <section aria-labelledby="units-title">
        <h2 id="units-title">{t.dashUnitsTitle}</h2>
        <p class="flag-rule">
          <strong>{t.flaggedCount(flagged, dashboard.units.length)}</strong> {t.flagRule}
        </p>
        <div class="table-wrap">
          <table class="units-table">
            <thead>
              <tr>
                <th scope="col">{t.unit}</th>
                {STATUSES.map((s) => (
                  <th scope="col" key={s}>
                    {statusLabel(s, lang)}
                  </th>
                ))}
                <th scope="col">{t.total}</th>
                <th scope="col">{t.openProgress}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.units.map((u) => (
                <tr key={u.unitId} class={u.flag ? 'flagged' : ''} data-unit={u.unitId}>
                  <th scope="row">
                    <UnitName row={u} />
                  </th>
                  {STATUSES.map((s) => (
                    <td key={s} class={u.counts[s] ? `cell status-${s}` : 'cell'}>
                      {u.counts[s] || ''}
                    </td>
                  ))}
                  <td>{u.total}</td>
                  <td data-testid="open-progress">{u.openProgress === null ? '' : `${u.openProgress}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t.nextRemindersTitle}</h2>
        {dashboard.nextReminders.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ol class="next-list">
            {dashboard.nextReminders.map((a) => (
              <li key={a.id}>
                <time dateTime={a.nextCheckAt}>{when(a.nextCheckAt)}</time> —{' '}
                <a href={href('assignments', a.id)}>{a.title}</a> ({a.unitName}){' '}
                <StatusBadge status={a.status} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
