import { describe, expect, it } from 'vitest';
import type { AssignmentStatus } from '../../../shared/domain/status.ts';
import { buildDashboard, type DashboardAssignment } from '../../../web/src/model/dashboard.ts';

let n = 0;
const a = (
  unitId: string,
  status: AssignmentStatus,
  over: Partial<DashboardAssignment> = {},
): DashboardAssignment => ({
  id: `a${++n}`,
  unitId,
  title: `task ${n}`,
  status,
  state: status.startsWith('done') ? 'done' : 'open',
  progress: 0,
  dueAt: '2026-06-30T16:59:59.999Z',
  ...over,
});
const names = new Map([
  ['a-unit', 'An Unit'],
  ['b-unit', 'Bình Unit'],
  ['c-unit', 'Cao Unit'],
]);

describe('the dashboard model', () => {
  it('flags a unit with an overdue item, or with half its open items behind pace, and puts it first', () => {
    // Prepare
    const items = [
      a('a-unit', 'on-track'),
      a('a-unit', 'due-soon'),
      a('b-unit', 'behind-pace'),
      a('b-unit', 'on-track'),
      a('c-unit', 'overdue'),
      a('c-unit', 'on-track'),
      a('c-unit', 'on-track'),
      a('a-unit', 'done-late'),
    ];
    // Act
    const { units } = buildDashboard(items, names);
    // Assess
    expect(units.map((u) => [u.unitId, u.flag])).toEqual([
      ['c-unit', 'overdue'],
      ['b-unit', 'behind-share'],
      ['a-unit', undefined],
    ]);
  });

  it('does not flag a unit for items due soon, or for one item behind pace among three', () => {
    // Prepare
    const items = [
      a('a-unit', 'due-soon'),
      a('a-unit', 'due-soon'),
      a('b-unit', 'behind-pace'),
      a('b-unit', 'on-track'),
      a('b-unit', 'due-soon'),
    ];
    // Act
    const { units } = buildDashboard(items, names);
    // Assess
    expect(units.every((u) => u.flag === undefined)).toBe(true);
  });

  it('counts assignments per status', () => {
    // Act
    const { counts } = buildDashboard(
      [a('a-unit', 'overdue'), a('b-unit', 'overdue'), a('a-unit', 'done-on-time')],
      names,
    );
    // Assess
    expect(counts).toEqual({
      overdue: 2,
      'behind-pace': 0,
      'due-soon': 0,
      'on-track': 0,
      'done-late': 0,
      'done-on-time': 1,
    });
  });

  it("averages the progress of a unit's open assignments only", () => {
    // Act
    const { units } = buildDashboard(
      [
        a('a-unit', 'on-track', { progress: 40 }),
        a('a-unit', 'on-track', { progress: 81 }),
        a('a-unit', 'done-on-time', { progress: 100 }),
      ],
      names,
    );
    // Assess
    expect(units[0]?.openProgress).toBe(61);
  });

  it('lists the open assignments whose next check comes first, with their unit names', () => {
    // Prepare
    const items = [
      a('a-unit', 'on-track', { nextCheckAt: '2026-06-02T01:00:00.000Z' }),
      a('b-unit', 'due-soon', { nextCheckAt: '2026-06-01T01:00:00.000Z' }),
      a('c-unit', 'done-on-time', { nextCheckAt: '2026-05-01T01:00:00.000Z' }),
      a('c-unit', 'on-track'),
    ];
    // Act
    const { nextReminders } = buildDashboard(items, names);
    // Assess
    expect(nextReminders.map((r) => r.unitName)).toEqual(['Bình Unit', 'An Unit']);
  });
});
