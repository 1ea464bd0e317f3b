import { get } from '../api.ts';
import { AssignmentFacts } from '../components/assignment-facts.tsx';
import { PagedList } from '../components/paged-list.tsx';
import { LoadState, useLoad } from '../components/ui.tsx';
import { useLang } from '../i18n.ts';
import { href } from '../router.ts';
import type { AssignmentView, Unit } from '../types.ts';

/** One unit's assignments (the dashboard's unit links), a page at a time, most recent deadline order of the API. */
export function UnitAssignmentsPage({ unitId }: { unitId: string }) {
  const { t } = useLang();
  const unit = useLoad(() => get<Unit>(`/units/${encodeURIComponent(unitId)}`), [unitId]);
  return (
    <LoadState loaded={unit}>
      {(u) => (
        <>
          <h1 tabIndex={-1}>{t.unitAssignmentsTitle(u.name)}</h1>
          <p>
            <a href={href('units', u.id)}>{t.unitContactsLink}</a>
          </p>
          <PagedList<AssignmentView> path="/assignments" query={{ unit: unitId }} empty={t.noAssignments}>
            {(items) => (
              <ul class="cards mine">
                {items.map((a) => (
                  <li key={a.id} class={`card status-border-${a.status}`}>
                    <h2 class="card-title">
                      <a href={href('assignments', a.id)}>{a.title}</a>
                    </h2>
                    <AssignmentFacts a={a} />
                  </li>
                ))}
              </ul>
            )}
          </PagedList>
        </>
      )}
    </LoadState>
  );
}
