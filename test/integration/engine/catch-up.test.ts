import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Assignment } from '#schemas/entities';
import { createHandler as createDispatcher } from '../../../functions/scheduler/dispatcher.ts';
import { createHandler as createPlanner } from '../../../functions/stream/planner.ts';
import {
  assignment,
  createEngine,
  type Engine,
  FOCAL_PHONE,
  HEAD_PHONE,
  lambdaContext,
  seedProvince,
  withStream,
} from './harness.ts';

let e: Engine;
let planner: ReturnType<typeof createPlanner>;
let dispatcher: ReturnType<typeof createDispatcher>;

/** Due Tue 10/03/2026 at 17:00; created that day at 09:00, an hour after its 08:00 "due today" step. */
const DUE = '2026-03-10T10:00:00.000Z';

beforeEach(async () => {
  e = await createEngine('engine-catch-up', '2026-03-10T02:00:00.000Z');
  await seedProvince(e, { confirmedEmail: true });
  planner = createPlanner(e.deps);
  dispatcher = createDispatcher(e.deps);
  await write({ ...assignment('a1'), dueAt: DUE, originalDueAt: DUE });
});

/** Writes the assignment (version checked, as the API does) and plays its stream to the planner. */
async function write(value: Assignment, expect: number | 'absent' = 'absent') {
  await withStream(e, planner, 'a1', () =>
    e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value }, expect }]),
  );
}

type ScheduleInput = { Name?: string; ScheduleExpression?: string; Target?: { Input?: string } };
const fired = new Set<string>();

/** Every one-time schedule set at the SDK so far (created or updated). */
const schedules = () =>
  e.scheduler.mock
    .calls()
    .map((c) => (c.args[0] as { input: ScheduleInput }).input)
    .filter((i) => i.ScheduleExpression);

/** Fires each schedule once, at its own time, as Scheduler would, until none is left to fire. */
async function fireSchedules(): Promise<void> {
  for (let next = schedules().find((s) => !fired.has(JSON.stringify(s))); next; ) {
    fired.add(JSON.stringify(next));
    const at = new Date(`${/^at\((.*)\)$/.exec(next.ScheduleExpression ?? '')?.[1]}+07:00`);
    e.clock.set(new Date(Math.max(at.getTime(), e.clock.now().getTime())).toISOString());
    const payload: unknown = JSON.parse(next.Target?.Input ?? '{}');
    await withStream(e, planner, 'a1', () => dispatcher(payload, lambdaContext));
    next = schedules().find((s) => !fired.has(JSON.stringify(s)));
  }
}

describe('catching up, on the AWS path', () => {
  beforeEach(() => fired.clear());

  it('schedules the check of a reminder planned earlier today a minute ahead, never in the past', () => {
    expect(schedules().map((s) => [s.Name, s.ScheduleExpression])).toEqual([
      ['check-a1', 'at(2026-03-10T09:01:00)'],
    ]);
  });

  it('sends the "due today" SMS that morning, once to the head and once to the focal officer', async () => {
    await fireSchedules();

    const phones = e.sns.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber);
    expect(phones.sort()).toEqual([HEAD_PHONE, FOCAL_PHONE].sort());
  });

  it('sends no second copy when the deadline moves later the same day', async () => {
    await fireSchedules();
    const current = (await e.deps.store.getAssignment('a1')) as Assignment;
    e.clock.set('2026-03-10T03:00:00.000Z'); // 10:00: extended to the end of the day

    await write(
      { ...current, dueAt: '2026-03-10T16:59:59.999Z', version: current.version + 1 },
      current.version,
    );
    await fireSchedules();

    const planVersion = (await e.deps.store.getAssignment('a1'))?.planVersion;
    expect([planVersion, e.sns.commandCalls(PublishCommand).length]).toEqual([2, 2]);
  });
});
