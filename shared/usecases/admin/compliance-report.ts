import { localInstant } from '#domain/calendar';
import { deliveryFigures } from '#domain/delivery-figures';
import { addDays } from '#domain/local-time';
import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, CalendarReads, ReminderLog, UnitReads } from '#ports/store';
import type { ComplianceReport } from '../../schemas/api.ts';
import type { Assignment, Reminder, Unit } from '../../schemas/entities.ts';
import { readAll } from '../common.ts';
import { calendarOf, viewOf } from '../unit-head/assignment-queries.ts';

type Deps = Pick<Dependencies, 'clock'> & {
  store: UnitReads & AssignmentReads & CalendarReads & Pick<ReminderLog, 'listUnitReminders'>;
};
type Row = ComplianceReport['units'][number];

const emptyRow = (unitId: string, unitName: string): Row => ({
  unitId,
  unitName,
  assigned: 0,
  doneOnTime: 0,
  doneLate: 0,
  overdue: 0,
  open: 0,
  extended: 0,
  onTimeRate: null,
  delivery: deliveryFigures([]),
});

/**
 * The scorecard: per unit, the assignments whose deadline in force falls in [from, to] (local
 * dates), classified by the domain's status at report time. The on-time rate counts decided
 * items only: done on time / (done on time + done late + overdue); null when none is decided.
 * Beside it, what became of the reminders about the unit's tasks logged in the same days
 * (sent, delivered, failed and why, fell back to email): one index query per unit.
 */
export async function complianceReport(deps: Deps, from: string, to: string): Promise<ComplianceReport> {
  const start = localInstant(from, '00:00').toISOString();
  const end = localInstant(addDays(to, 1), '00:00').toISOString();
  const assignments = (
    await readAll<Assignment>((p) => deps.store.listAssignments({ ...p, dueBefore: end }))
  ).filter((a) => a.dueAt >= start);
  const allUnits = await readAll<Unit>((p) => deps.store.listUnits(p));
  const units = new Map(allUnits.map((u) => [u.id, u.name]));
  const now = deps.clock.now();
  const calendar = await calendarOf(deps);
  const rows = new Map<string, Row>();
  for (const assignment of assignments) {
    const row =
      rows.get(assignment.unitId) ??
      emptyRow(assignment.unitId, units.get(assignment.unitId) ?? assignment.unitId);
    const { status } = viewOf(assignment, now, calendar);
    row.assigned += 1;
    if (status === 'done-on-time') row.doneOnTime += 1;
    else if (status === 'done-late') row.doneLate += 1;
    else if (status === 'overdue') row.overdue += 1;
    else row.open += 1;
    if (assignment.dueAt !== assignment.originalDueAt) row.extended += 1;
    rows.set(assignment.unitId, row);
  }
  const logs = await Promise.all(
    allUnits.map((u) => readAll<Reminder>((p) => deps.store.listUnitReminders(u.id, start, end, p))),
  );
  for (const [i, unit] of allUnits.entries()) {
    const logged = logs[i] ?? [];
    if (logged.length === 0) continue;
    const row = rows.get(unit.id) ?? emptyRow(unit.id, unit.name);
    row.delivery = deliveryFigures(logged);
    rows.set(unit.id, row);
  }
  for (const row of rows.values()) {
    const decided = row.doneOnTime + row.doneLate + row.overdue;
    row.onTimeRate = decided === 0 ? null : row.doneOnTime / decided;
  }
  const sorted = [...rows.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
  return { from, to, generatedAt: now.toISOString(), units: sorted };
}
