import { describe, expect, it } from 'vitest';
import type { CheckPayload, ReminderScheduler } from '#ports/reminder-scheduler';
import type { Write } from '#ports/store';
import type { Assignment } from '#schemas/entities';
import { ConflictError } from '#shared/errors';
import { type PlanAssignmentDeps, planAssignmentChange } from '#usecases/engine/index';

/** The few Store reads and the one write the planner uses, in memory, with optimistic locking. */
class FakeStore {
  readonly assignments = new Map<string, Assignment>();
  writes: Write[] = [];
  async getAssignment(id: string) {
    return this.assignments.get(id);
  }
  async getPolicy() {
    return undefined;
  }
  async listOverrides() {
    return [];
  }
  async write(writes: Write[]) {
    for (const w of writes) {
      if (w.op !== 'put' || w.entity.kind !== 'assignment') throw new Error('unexpected write');
      const stored = this.assignments.get(w.entity.value.id);
      if (typeof w.expect === 'number' && stored?.version !== w.expect) throw new ConflictError('stale');
      this.assignments.set(w.entity.value.id, w.entity.value);
      this.writes.push(w);
    }
  }
}

class RecordingScheduler implements ReminderScheduler {
  calls: string[] = [];
  async upsert(id: string, at: Date, payload: CheckPayload) {
    this.calls.push(`upsert ${id} ${at.toISOString()} v${payload.planVersion}`);
  }
  async remove(id: string) {
    this.calls.push(`remove ${id}`);
  }
}

function engine() {
  const store = new FakeStore();
  const scheduler = new RecordingScheduler();
  const deps: PlanAssignmentDeps = {
    store,
    scheduler,
    clock: { now: () => new Date('2026-03-10T02:00:00.000Z') },
  };
  return { store, scheduler, deps };
}

const a1: Assignment = {
  id: 'a1',
  taskId: 't',
  directiveId: 'd',
  unitId: 'so-noi-vu',
  occurrence: 'once',
  title: 'Báo cáo',
  policy: 'mac-dinh',
  urgent: false,
  assignedAt: '2026-03-02T01:00:00.000Z',
  dueAt: '2026-03-20T16:59:59.999Z',
  originalDueAt: '2026-03-20T16:59:59.999Z',
  state: 'open',
  progress: 0,
  planVersion: 1,
  version: 1,
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z',
};
const planned = { ...a1, nextCheckAt: '2026-03-13T01:00:00.000Z', version: 2 };
/** A check at 14:00 local (an exact-time step): not on a window tick, so it has its own schedule. */
const offTick = { ...a1, nextCheckAt: '2026-03-20T07:00:00.000Z', version: 2 };

describe('planning an assignment change', () => {
  it('writes the first check of a new assignment without calling the Scheduler', async () => {
    const { store, scheduler, deps } = engine();
    store.assignments.set('a1', a1);

    const outcome = await planAssignmentChange(deps, { after: a1 });

    expect(outcome).toBe('replanned');
    expect(store.assignments.get('a1')?.nextCheckAt).toBe('2026-03-13T01:00:00.000Z');
    expect(scheduler.calls).toEqual([]);
  });

  it('makes no Scheduler call when the recorded check falls on the 08:00 window tick', async () => {
    const { scheduler, deps } = engine();

    const outcome = await planAssignmentChange(deps, { before: a1, after: planned });

    expect([outcome, scheduler.calls]).toEqual(['window', []]);
  });

  it('schedules a check on the 08:00 tick when it is written a minute before it (the tick may have listed it already)', async () => {
    const { scheduler, deps } = engine();
    const atTick = { ...a1, nextCheckAt: '2026-03-11T01:00:00.000Z', version: 2 }; // Wed 08:00
    const minuteBefore = { ...deps, clock: { now: () => new Date('2026-03-11T00:59:00.000Z') } };

    const outcome = await planAssignmentChange(minuteBefore, { before: a1, after: atTick });

    expect([outcome, scheduler.calls]).toEqual(['scheduled', ['upsert a1 2026-03-11T01:00:00.000Z v1']]);
  });

  it('upserts the schedule when the recorded check falls outside the window ticks', async () => {
    const { scheduler, deps } = engine();

    const outcome = await planAssignmentChange(deps, { before: a1, after: offTick });

    expect([outcome, scheduler.calls]).toEqual(['scheduled', ['upsert a1 2026-03-20T07:00:00.000Z v1']]);
  });

  it('catches up the 08:00 step of a task created at 09:00 and due today: its check is due at once', async () => {
    const { store, deps } = engine();
    const dueToday = { ...a1, dueAt: '2026-03-10T16:59:59.999Z', originalDueAt: '2026-03-10T16:59:59.999Z' };
    store.assignments.set('a1', dueToday);

    await planAssignmentChange(deps, { after: dueToday });

    expect(store.assignments.get('a1')?.nextCheckAt).toBe('2026-03-10T01:00:00.000Z');
  });

  it('schedules a caught-up check now, although it lies on the 08:00 tick that has passed', async () => {
    const { scheduler, deps } = engine();
    const created = { ...a1, dueAt: '2026-03-10T16:59:59.999Z' };
    const caughtUp = { ...created, nextCheckAt: '2026-03-10T01:00:00.000Z', version: 2 };

    const outcome = await planAssignmentChange(deps, { before: created, after: caughtUp });

    expect([outcome, scheduler.calls]).toEqual(['scheduled', ['upsert a1 2026-03-10T02:00:00.000Z v1']]);
  });

  it('makes no call when only the progress changed', async () => {
    const { scheduler, store, deps } = engine();

    const outcome = await planAssignmentChange(deps, {
      before: offTick,
      after: { ...offTick, progress: 30, version: 3 },
    });

    expect([outcome, scheduler.calls, store.writes]).toEqual(['unchanged', [], []]);
  });

  it('removes the schedule when the assignment closes', async () => {
    const { scheduler, deps } = engine();

    await planAssignmentChange(deps, { before: offTick, after: { ...offTick, state: 'done', version: 3 } });

    expect(scheduler.calls).toEqual(['remove a1']);
  });

  it('removes the schedule when the assignment is deleted', async () => {
    const { scheduler, deps } = engine();

    await planAssignmentChange(deps, { before: offTick });

    expect(scheduler.calls).toEqual(['remove a1']);
  });

  it('has nothing to remove when a closed assignment was waiting for the window tick', async () => {
    const { scheduler, deps } = engine();

    await planAssignmentChange(deps, { before: planned, after: { ...planned, state: 'done', version: 3 } });

    expect(scheduler.calls).toEqual([]);
  });

  it('bumps the plan version when the deadline moved without one', async () => {
    const { store, deps } = engine();
    const extended = { ...planned, dueAt: '2026-04-10T16:59:59.999Z', version: 3 };
    store.assignments.set('a1', extended);

    await planAssignmentChange(deps, { before: planned, after: extended });

    expect(store.assignments.get('a1')).toMatchObject({
      planVersion: 2,
      nextCheckAt: '2026-04-03T01:00:00.000Z',
    });
  });

  it('replans against the fresh item when its own write conflicts', async () => {
    const { store, deps } = engine();
    const progressed = { ...a1, progress: 20, version: 2 };
    store.assignments.set('a1', progressed);

    await planAssignmentChange(deps, { after: a1 });

    expect(store.assignments.get('a1')).toMatchObject({
      progress: 20,
      nextCheckAt: '2026-03-13T01:00:00.000Z',
      version: 3,
    });
  });
});
