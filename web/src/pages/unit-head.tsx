import { listAll } from '../api.ts';
import type { Session } from '../auth.ts';
import { AssignmentActions } from '../components/assignment-actions.tsx';
import { LoadState, StatusBadge, useLoad, when } from '../components/ui.tsx';
import { useLang } from '../i18n.ts';
import { buildDashboard, STATUSES } from '../model/dashboard.ts';
import { href } from '../router.ts';
import type { AssignmentView } from '../types.ts';
import { StatusCounts } from './dashboard.tsx';

const ORDER = new Map(STATUSES.map((s, i) => [s, i]));

/**
 * The unit head's page, built for a phone: their unit's assignments only (the API scopes the list
 * to the token's unit), most pressing first, each with its actions at hand.
 */
export function MyUnitPage({ session }: { session: Session }) {
  const { t } = useLang();
  const loaded = useLoad(() => listAll<AssignmentView>('/assignments'), []);
  return (
    <>
      <h1 tabIndex={-1}>
        {t.mineTitle} — {session.unitId}
      </h1>
      <p class="muted">{t.mineIntro}</p>
      <LoadState loaded={loaded}>
        {(assignments) => {
          const sorted = [...assignments].sort(
            (a, b) =>
              (ORDER.get(a.status) ?? 9) - (ORDER.get(b.status) ?? 9) || a.dueAt.localeCompare(b.dueAt),
          );
          if (sorted.length === 0) return <p>{t.noAssignments}</p>;
          return (
            <>
              <StatusCounts counts={buildDashboard(assignments, new Map()).counts} />
              <section aria-labelledby="mine-list">
                <h2 id="mine-list">{t.tasksTitle}</h2>
                <ul class="cards mine">
                  {sorted.map((a) => (
                    <li key={a.id} class={`card status-border-${a.status}`} data-assignment={a.id}>
                      <h3>
                        <a href={href('assignments', a.id)}>{a.title}</a>
                      </h3>
                      <p>
                        <StatusBadge status={a.status} /> {t.due}: {when(a.dueAt)} · {t.progress}:{' '}
                        {a.progress}%
                      </p>
                      <p class="muted">{a.reason}</p>
                      <AssignmentActions a={a} onChanged={loaded.reload} compact />
                    </li>
                  ))}
                </ul>
              </section>
            </>
          );
        }}
      </LoadState>
    </>
  );
}
