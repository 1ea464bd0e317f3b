import { get, listAll } from '../api.ts';
import type { Session } from '../auth.ts';
import { AssignmentFacts } from '../components/assignment-facts.tsx';
import { LoadState, OnDemand, useLoad } from '../components/ui.tsx';
import { useLang } from '../i18n.ts';
import { lazyPage } from '../lazy.tsx';
import { buildDashboard, STATUSES } from '../model/dashboard.ts';
import { href } from '../router.ts';
import type { AssignmentView, Unit } from '../types.ts';
import { StatusCounts } from './dashboard.tsx';

/** The forms (and the schemas they validate with) load when a card is opened, not with the page. */
const AssignmentActions = lazyPage(
  () => import('../components/assignment-actions.tsx').then((m) => m.AssignmentActions),
  'loading-part',
);

const ORDER = new Map(STATUSES.map((s, i) => [s, i]));

async function loadMine(unitId: string | undefined): Promise<{ unit?: Unit; assignments: AssignmentView[] }> {
  const [unit, assignments] = await Promise.all([
    unitId ? get<Unit>(`/units/${encodeURIComponent(unitId)}`) : undefined,
    listAll<AssignmentView>('/assignments'),
  ]);
  return { ...(unit ? { unit } : {}), assignments };
}

/**
 * The unit head's page, built for a phone: their unit's assignments only (the API scopes the list
 * to the token's unit), most pressing first, each a compact card whose forms open on demand.
 */
export function MyUnitPage({ session }: { session: Session }) {
  const { t } = useLang();
  const loaded = useLoad(() => loadMine(session.unitId), [session.unitId]);
  return (
    <>
      <h1 tabIndex={-1}>
        {t.mineTitle}
        {loaded.data?.unit && ` — ${loaded.data.unit.name}`}
      </h1>
      <p class="muted">{t.mineIntro}</p>
      <LoadState loaded={loaded}>
        {({ assignments }) => {
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
                    <MineCard key={a.id} a={a} onChanged={loaded.reload} />
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

function MineCard({ a, onChanged }: { a: AssignmentView; onChanged: () => void }) {
  const { t } = useLang();
  return (
    <li class={`card status-border-${a.status}`} data-assignment={a.id}>
      <h3>
        <a href={href('assignments', a.id)}>{a.title}</a>
      </h3>
      <AssignmentFacts a={a} />
      {a.state === 'open' && (
        <OnDemand class="on-demand" summary={t.reportOrComplete}>
          {() => <AssignmentActions a={a} onChanged={onChanged} compact />}
        </OnDemand>
      )}
    </li>
  );
}
