import { describe, expect, it } from 'vitest';
import { taskBodySchema } from '../../../shared/schemas/api.ts';
import type { Task } from '../../../shared/schemas/entities.ts';
import { lockedUnits, taskBodyOf, valuesOf } from '../../../web/src/model/task-values.ts';
import type { AssignmentView } from '../../../web/src/types.ts';

const stamp = { version: 3, createdAt: '2026-01-13T02:00:00.000Z', updatedAt: '2026-01-13T02:00:00.000Z' };
const task = (extra: Partial<Task>): Task => ({
  id: 'bc-quy',
  directiveId: '276-ubnd-ncpc',
  title: 'Báo cáo quý',
  due: '2026-03-14',
  policy: 'mac-dinh',
  lead: ['so-noi-vu', 'so-tu-phap'],
  support: ['ubnd-ba-be'],
  urgent: true,
  ...stamp,
  ...extra,
});
/** What the edit form sends back, untouched, as the API parses it. */
const roundTrip = (t: Task) => taskBodySchema.parse(taskBodyOf(valuesOf(t, '13/01/2026')));

describe('the task form of a stored task', () => {
  it.each([
    ['a date', '2026-03-14'],
    ['an instant, in local time', '2026-03-14T10:00:00.000Z'],
    ['working days after a date', { workingDays: 10, after: '2026-02-02' }],
  ] as const)('sends back %s unchanged when nothing is edited', (_, due) => {
    // Act
    const body = roundTrip(task({ due }));
    // Assess
    const expected = typeof due === 'string' && due.length > 10 ? '2026-03-14T17:00:00+07:00' : due;
    expect(body).toEqual({
      title: 'Báo cáo quý',
      due: expected,
      policy: 'mac-dinh',
      lead: ['so-noi-vu', 'so-tu-phap'],
      support: ['ubnd-ba-be'],
      urgent: true,
    });
  });

  it('keeps a recurrence the builder makes, and one it cannot make, as they are', () => {
    // Act
    const quarterly = roundTrip(task({ recurrence: 'FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=14' }));
    const weekly = roundTrip(task({ recurrence: 'FREQ=WEEKLY;BYDAY=FR' }));
    // Assess
    expect(quarterly.recurrence).toBe('FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=14');
    expect(weekly.recurrence).toBe('FREQ=WEEKLY;BYDAY=FR');
  });

  it('shows the deadline as a clerk types it: dd/mm/yyyy and 24-hour time', () => {
    // Act
    const values = valuesOf(task({ due: '2026-03-14T10:00:00.000Z' }), '13/01/2026');
    // Assess
    expect(values).toMatchObject({ kind: 'instant', date: '14/03/2026', time: '17:00' });
  });
});

describe('the units a task edit cannot take off', () => {
  const view = (unitId: string, extra: Partial<AssignmentView>) =>
    ({ unitId, state: 'open', progress: 0, ...extra }) as AssignmentView;

  it('are those with an open assignment acknowledged or reported on, not those with a done one', () => {
    // Act
    const locked = lockedUnits([
      view('so-noi-vu', { progress: 30, lastProgressAt: '2026-02-01T02:00:00.000Z' }),
      view('so-tu-phap', { acknowledgedAt: '2026-02-01T02:00:00.000Z' }),
      view('ubnd-ba-be', { state: 'done', progress: 100 }),
      view('so-y-te', {}),
    ]);
    // Assess
    expect(locked).toEqual(['so-noi-vu', 'so-tu-phap']);
  });
});
