import { localInstant } from '#domain/calendar';
import { addDays } from '#domain/local-time';
import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, CalendarReads, UnitReads } from '#ports/store';
import type { ComplianceReport } from '../../schemas/api.ts';
import type { Assignment } from '../../schemas/entities.ts';
import { readAll } from '../common.ts';
import { calendarOf, viewOf } from '../unit-head/assignment-queries.ts';

type Deps = Pick<Dependencies, 'clock'> & { store: UnitReads & AssignmentReads & CalendarReads };
type Row = ComplianceReport['units'][number];

/**
 * The scorecard: per unit, the assignments whose deadline in force falls in [from, to] (local
 * dates), classified by the domain's status at report time. The on-time rate counts decided
 * items only: done on time / (done on time + done late + overdue); null when none is decided.
 */
export async function complianceReport(deps: Deps, from: string, to: string): Promise<ComplianceReport> {
  const start = localInstant(from, '00:00').toISOString();
  const end = localInstant(addDays(to, 1), '00:00').toISOString();
  const assignments = (
    await readAll<Assignment>((p) => deps.store.listAssignments({ ...p, dueBefore: end }))
  ).filter((a) => a.dueAt >= start);
  const units = new Map((await readAll((p) => deps.store.listUnits(p))).map((u) => [u.id, u.name]));
  const now = deps.clock.now();
  const calendar = await calendarOf(deps);
  const rows = new Map<string, Row>();
  for (const assignment of assignments) {
    const row = rows.get(assignment.unitId) ?? {
      unitId: assignment.unitId,
      unitName: units.get(assignment.unitId) ?? assignment.unitId,
      assigned: 0,
      doneOnTime: 0,
      doneLate: 0,
      overdue: 0,
      open: 0,
      extended: 0,
      onTimeRate: null,
    };
    const { status } = viewOf(assignment, now, calendar);
    row.assigned += 1;
    if (status === 'done-on-time') row.doneOnTime += 1;
    else if (status === 'done-late') row.doneLate += 1;
    else if (status === 'overdue') row.overdue += 1;
    else row.open += 1;
    if (assignment.dueAt !== assignment.originalDueAt) row.extended += 1;
    rows.set(assignment.unitId, row);
  }
  for (const row of rows.values()) {
    const decided = row.doneOnTime + row.doneLate + row.overdue;
    row.onTimeRate = decided === 0 ? null : row.doneOnTime / decided;
  }
  const sorted = [...rows.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
  return { from, to, generatedAt: now.toISOString(), units: sorted };
}
