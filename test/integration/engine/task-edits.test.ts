import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Assignment } from '#schemas/entities';
import { deleteTask, updateTask } from '#usecases/admin/task-edit';
import { createTask } from '#usecases/admin/tasks';
import { dispatchCheck, sendDigest } from '#usecases/engine/index';
import { createHandler as createPlanner } from '../../../functions/stream/planner.ts';
import { createEngine, type Engine, seedProvince, withStream } from './harness.ts';

let e: Engine;
let planner: ReturnType<typeof createPlanner>;

const task = {
  title: 'Báo cáo sơ kết',
  due: '2026-03-20',
  policy: 'mac-dinh',
  lead: ['so-noi-vu', 'ubnd-tinh'],
  support: [],
  urgent: false,
};

/** Fri 20/03/2026 08:00:10 local: the task's deadline day; so-noi-vu's 08:00 check has fired into its digests. */
beforeEach(async () => {
  e = await createEngine('engine-task-edits', '2026-03-20T01:00:10.000Z');
  await seedProvince(e);
  planner = createPlanner(e.deps);
  await createTask(e.deps, '276-ubnd-ncpc', { ...task, id: 'bc' });
  const a = (await e.deps.store.getAssignment('bc.so-noi-vu')) as Assignment;
  const due = { ...a, nextCheckAt: '2026-03-20T01:00:00.000Z', version: a.version + 1 };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value: due }, expect: a.version }]);
  await dispatchCheck(e.deps, { v: 1, assignmentId: 'bc.so-noi-vu', planVersion: 1 });
});

/** Sends every digest the check filled (there are some: the test would prove nothing otherwise). */
async function sendDigests() {
  expect(e.deps.digests.ids().length).toBeGreaterThan(0);
  e.clock.set('2026-03-20T01:02:10.000Z');
  for (const id of e.deps.digests.ids()) await sendDigest(e.deps, id);
}

describe('a task changed after its reminders were queued', () => {
  it('sends nothing to a unit taken off the task, and logs its queued reminders as skipped', async () => {
    const version = (await e.deps.store.getTask('276-ubnd-ncpc', 'bc'))?.version;
    await withStream(e, planner, 'bc.so-noi-vu', () =>
      updateTask(e.deps, '276-ubnd-ncpc', 'bc', { ...task, lead: ['ubnd-tinh'] }, version),
    );

    await sendDigests();

    expect(await e.deps.store.getAssignment('bc.so-noi-vu')).toBeUndefined();
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(0);
    const log = (await e.deps.store.listReminders('bc.so-noi-vu')).items;
    expect(log.length).toBeGreaterThan(0);
    expect(new Set(log.map((r) => r.outcome))).toEqual(new Set(['skipped']));
  });

  it('replans a unit kept on the task with a new plan version, so the old plan’s reminders do not go', async () => {
    await withStream(e, planner, 'bc.so-noi-vu', () =>
      updateTask(e.deps, '276-ubnd-ncpc', 'bc', { ...task, due: '2026-04-10' }),
    );

    await sendDigests();

    expect(await e.deps.store.getAssignment('bc.so-noi-vu')).toMatchObject({
      dueAt: '2026-04-10T16:59:59.999Z',
      planVersion: 2,
      nextCheckAt: '2026-04-03T01:00:00.000Z', // -5wd from Fri 10/04, 08:00 local
    });
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('sends nothing for a deleted task', async () => {
    await withStream(e, planner, 'bc.so-noi-vu', () => deleteTask(e.deps, '276-ubnd-ncpc', 'bc'));

    await sendDigests();

    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(await e.deps.store.listAssignmentsOfTask('bc')).toEqual([]);
  });
});
