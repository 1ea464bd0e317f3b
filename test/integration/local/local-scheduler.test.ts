import { describe, expect, it } from 'vitest';
import { LocalScheduler } from '#local/runtime/local-scheduler';
import { ScheduleTable } from '#local/runtime/schedule-table';
import { VirtualClock } from '#local/runtime/virtual-clock';
import { createTestTable } from '#test/support/table';

const start = new Date('2026-03-02T01:00:00Z');
const payload = (assignmentId: string, planVersion = 1) => ({ v: 1 as const, assignmentId, planVersion });

async function setup(fire: (payload: unknown) => Promise<unknown>) {
  const table = await createTestTable('local-sched');
  const clock = new VirtualClock(start);
  const schedules = new ScheduleTable(table.doc, table.tableName);
  const deadLetters: string[] = [];
  const scheduler = new LocalScheduler({
    table: schedules,
    clock,
    fire,
    maxAttempts: 3,
    retryBaseMs: 60_000,
    onDeadLetter: async (s) => {
      deadLetters.push(s.name);
    },
  });
  await scheduler.load();
  return { table, clock, schedules, scheduler, deadLetters };
}

describe('the local scheduler', () => {
  it('fires a due schedule with the exact payload and deletes it afterwards', async () => {
    // Prepare
    const fired: unknown[] = [];
    const { clock, schedules, scheduler } = await setup(async (p) => fired.push(p));
    await scheduler.upsert('a1', new Date(start.getTime() + 60_000), payload('a1', 3));
    clock.advanceBy(60_000);
    // Act
    await scheduler.fireDue();
    // Assess
    expect(fired).toEqual([{ v: 1, assignmentId: 'a1', planVersion: 3 }]);
    expect(await schedules.list()).toEqual([]);
  });

  it('names schedules as EventBridge does: two long ids with the same start keep two schedules', async () => {
    // Prepare
    const fired: unknown[] = [];
    const { clock, schedules, scheduler } = await setup(async (p) => fired.push(p));
    const base = `276-ubnd-ncpc.${'bao-cao-ket-qua-thuc-hien-'.repeat(3)}`;
    const at = new Date(start.getTime() + 60_000);
    await scheduler.upsert(`${base}quy-1`, at, payload(`${base}quy-1`));
    await scheduler.upsert(`${base}quy-2`, at, payload(`${base}quy-2`));
    // Act
    expect(await schedules.list()).toHaveLength(2);
    clock.advanceBy(60_000);
    await scheduler.fireDue();
    // Assess
    expect(fired).toHaveLength(2);
  });

  it('does not fire a schedule before its time', async () => {
    // Prepare
    const fired: unknown[] = [];
    const { clock, scheduler } = await setup(async (p) => fired.push(p));
    await scheduler.upsert('a1', new Date(start.getTime() + 60_000), payload('a1'));
    clock.advanceBy(59_000);
    // Act
    await scheduler.fireDue();
    // Assess
    expect(fired).toEqual([]);
  });

  it('keeps one schedule per assignment, moved by each upsert', async () => {
    // Prepare
    const { scheduler, schedules } = await setup(async () => undefined);
    await scheduler.upsert('a1', new Date('2026-03-05T01:00:00Z'), payload('a1', 1));
    // Act
    await scheduler.upsert('a1', new Date('2026-03-09T01:00:00Z'), payload('a1', 2));
    // Assess
    expect((await schedules.list()).map((s) => [s.name, s.fireAt, s.payload])).toEqual([
      ['check-a1', '2026-03-09T01:00:00.000Z', { v: 1, assignmentId: 'a1', planVersion: 2 }],
    ]);
  });

  it('finds its schedules again after a restart', async () => {
    // Prepare
    const fired: unknown[] = [];
    const { clock, schedules, scheduler } = await setup(async (p) => fired.push(p));
    await scheduler.upsert('a1', new Date(start.getTime() + 60_000), payload('a1'));
    const restarted = new LocalScheduler({ table: schedules, clock, fire: async (p) => fired.push(p) });
    // Act
    await restarted.load();
    clock.advanceBy(60_000);
    await restarted.fireDue();
    // Assess
    expect(fired).toEqual([payload('a1')]);
  });

  it('retries a failed delivery after its backoff, and not before', async () => {
    // Prepare
    let calls = 0;
    const { clock, scheduler } = await setup(async () => {
      calls += 1;
      if (calls === 1) throw new Error('throttled');
    });
    await scheduler.upsert('a1', start, payload('a1'));
    await scheduler.fireDue();
    clock.advanceBy(30_000);
    await scheduler.fireDue();
    const beforeBackoff = calls;
    // Act
    clock.advanceBy(30_000);
    await scheduler.fireDue();
    // Assess
    expect([beforeBackoff, calls, scheduler.pending().length]).toEqual([1, 2, 0]);
  });

  it('sends a schedule whose target keeps failing to the dead-letter place', async () => {
    // Prepare
    const { clock, scheduler, deadLetters } = await setup(async () => {
      throw new Error('boom');
    });
    await scheduler.upsert('a1', start, payload('a1'));
    // Act
    for (let i = 0; i < 3; i++) {
      await scheduler.fireDue();
      clock.advanceBy(10 * 60_000);
    }
    // Assess
    expect([deadLetters, scheduler.pending()]).toEqual([['check-a1'], []]);
  });

  it('does not delete a schedule that the target moved while it was firing', async () => {
    // Prepare
    let scheduler: LocalScheduler | undefined;
    const ctx = await setup(async () => {
      await scheduler?.upsert('a1', new Date('2026-03-10T01:00:00Z'), payload('a1', 2));
    });
    scheduler = ctx.scheduler;
    await scheduler.upsert('a1', start, payload('a1', 1));
    // Act
    await scheduler.fireDue();
    // Assess
    expect((await ctx.schedules.list()).map((s) => s.payload)).toEqual([payload('a1', 2)]);
  });
});
