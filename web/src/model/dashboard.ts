import type { AssignmentStatus } from '../../../shared/domain/status.ts';

/** What the dashboard reads of an assignment (the API's assignment view). */
export interface DashboardAssignment {
  id: string;
  unitId: string;
  title: string;
  status: AssignmentStatus;
  state: 'open' | 'done';
  progress: number;
  dueAt: string;
  nextCheckAt?: string | undefined;
}

export const STATUSES: readonly AssignmentStatus[] = [
  'overdue',
  'behind-pace',
  'due-soon',
  'on-track',
  'done-late',
  'done-on-time',
];

export type StatusCounts = Record<AssignmentStatus, number>;

export interface UnitRow {
  unitId: string;
  unitName: string;
  counts: StatusCounts;
  total: number;
  /** Mean reported progress of the unit's open assignments (null when none is open). */
  openProgress: number | null;
  open: number;
  /** Why the unit needs a call (the rule of `flagOf`), or undefined when it does not. */
  flag: UnitFlag | undefined;
}

/** Why a unit is flagged: it has overdue items, or at least half its open items are behind pace. */
export type UnitFlag = 'overdue' | 'behind-share';

/** The share of open items behind pace (or overdue) from which a unit is flagged. */
export const BEHIND_SHARE = 0.5;

/**
 * The dashboard's one rule for "needs a call" (cần đôn đốc): any overdue open item, or at least
 * half of the open items behind pace or overdue. Due soon is normal work, not a reason to call.
 */
export function flagOf(counts: StatusCounts, open: number): UnitFlag | undefined {
  if (counts.overdue > 0) return 'overdue';
  if (open > 0 && (counts['behind-pace'] + counts.overdue) / open >= BEHIND_SHARE) return 'behind-share';
  return undefined;
}

export interface Dashboard {
  counts: StatusCounts;
  units: UnitRow[];
  nextReminders: (DashboardAssignment & { unitName: string })[];
}

export function emptyCounts(): StatusCounts {
  return { overdue: 0, 'behind-pace': 0, 'due-soon': 0, 'on-track': 0, 'done-late': 0, 'done-on-time': 0 };
}

/** The weight of a unit's trouble: overdue outweighs behind pace, which outweighs due soon. */
function severity(c: StatusCounts): number {
  return c.overdue * 1_000_000 + c['behind-pace'] * 1_000 + c['due-soon'];
}

/**
 * Counts per status, one row per unit with flagged units first (most serious first), and
 * the open assignments whose next reminder check comes soonest.
 */
export function buildDashboard(
  assignments: readonly DashboardAssignment[],
  unitNames: ReadonlyMap<string, string>,
  nextLimit = 10,
): Dashboard {
  const counts = emptyCounts();
  const byUnit = new Map<string, UnitRow>();
  const progress = new Map<string, number[]>();
  for (const a of assignments) {
    counts[a.status]++;
    let row = byUnit.get(a.unitId);
    if (!row) {
      row = {
        unitId: a.unitId,
        unitName: unitNames.get(a.unitId) ?? a.unitId,
        counts: emptyCounts(),
        total: 0,
        openProgress: null,
        open: 0,
        flag: undefined,
      };
      byUnit.set(a.unitId, row);
    }
    if (a.state === 'open') progress.set(a.unitId, [...(progress.get(a.unitId) ?? []), a.progress]);
    row.counts[a.status]++;
    row.total++;
    if (a.state === 'open') row.open++;
  }
  for (const row of byUnit.values()) row.flag = flagOf(row.counts, row.open);
  for (const [unitId, values] of progress) {
    const row = byUnit.get(unitId);
    if (row) row.openProgress = Math.round(values.reduce((x, y) => x + y, 0) / values.length);
  }
  const units = [...byUnit.values()].sort(
    (x, y) =>
      Number(y.flag !== undefined) - Number(x.flag !== undefined) ||
      severity(y.counts) - severity(x.counts) ||
      x.unitName.localeCompare(y.unitName, 'vi'),
  );
  const nextReminders = assignments
    .filter((a) => a.state === 'open' && a.nextCheckAt)
    .sort((x, y) => (x.nextCheckAt ?? '').localeCompare(y.nextCheckAt ?? ''))
    .slice(0, nextLimit)
    .map((a) => ({ ...a, unitName: unitNames.get(a.unitId) ?? a.unitId }));
  return { counts, units, nextReminders };
}
