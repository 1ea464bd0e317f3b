import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { countRequests, type Instrumentable } from '#local/runtime/request-counter';
import type { Assignment } from '#schemas/entities';
import { drainWindow, sweep } from '#usecases/engine/index';
import { WINDOW_TICK } from '#usecases/engine/window';
import { assignment, createEngine, type Engine, seedProvince } from './harness.ts';

let e: Engine;

beforeEach(async () => {
  e = await createEngine('engine-marks', '2026-03-19T01:00:00.000Z'); // Thu 19/03/2026 08:00 local
  await seedProvince(e);
});

const tick = () => drainWindow(e.deps, WINDOW_TICK, { remainingMs: 240_000 });

/** The digest marks of each BatchWriteItem sent from now on (one list per request that holds any). */
function digestMarkWrites(): string[][] {
  const writes: string[][] = [];
  (e.table.client as Instrumentable).middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: unknown) => {
        if (context.commandName === 'BatchWriteItemCommand') {
          const sks = JSON.stringify((args as { input: unknown }).input).match(/\d{4}-\d\d-\d\d#digest#\d+/g);
          if (sks) writes.push(sks);
        }
        return next(args);
      },
    { step: 'initialize', name: 'digestMarkWrites', override: true },
  );
  return writes;
}

/** An open assignment whose next check is `at` (written as the API or the planner would). */
async function checkAt(id: string, at: string, extra: Partial<Assignment> = {}) {
  const value = { ...assignment(id), nextCheckAt: at, ...extra };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);
}

describe('due marks: what a window tick reads', { timeout: 60_000 }, () => {
  it('reads every shard on its first run, then only the marks on a day with nothing due', async () => {
    await tick(); // a table without a completed full scan: every shard, once
    e.clock.set('2026-03-20T01:00:00.000Z'); // the next morning
    const requests = countRequests(e.table.client);

    const result = await tick();

    expect(result).toMatchObject({ checks: 0, sent: 0, outcome: 'drained' });
    expect(requests.counts()).toEqual({ Query: 1, total: 1 });
  });

  it('finds a check written since, by its mark, and sends its reminders once', async () => {
    await tick();
    await checkAt('a1', '2026-03-20T01:00:00.000Z'); // Fri 08:00: the 0wd SMS step
    e.clock.set('2026-03-20T01:00:00.000Z');

    const first = await tick();
    const again = await tick(); // a second fire of the same tick (at least once)

    expect(first).toMatchObject({ checks: 1, sent: 2 });
    expect(again).toMatchObject({ checks: 0, sent: 0 });
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(2); // the head and the focal officer
  });

  it('marks every digest shard for its own tick in one request, however many digests it creates', async () => {
    await tick();
    for (const id of ['a1', 'a2', 'a3']) await checkAt(id, '2026-03-20T01:00:00.000Z');
    await checkAt('o1', '2026-03-20T01:00:00.000Z', { unitId: 'ubnd-tinh' });
    e.clock.set('2026-03-20T01:00:00.000Z');
    const writes = digestMarkWrites();

    const result = await tick();

    expect(result.sent).toBeGreaterThan(2); // the digests of two units
    const [marked, cleared, ...more] = writes;
    expect(marked?.filter((sk) => sk.startsWith('2026-03-20')).sort()).toEqual(
      [0, 1, 2, 3].map((shard) => `2026-03-20#digest#${shard}`),
    );
    expect(cleared).toEqual(marked); // deleted once the tick handled everything
    expect(more).toEqual([]);
  });

  it('marks the next tick too when a check is written just before a tick (the tick may have read its marks)', async () => {
    await tick();
    e.clock.set('2026-03-20T00:59:30.000Z'); // Fri 07:59:30
    await checkAt('a1', '2026-03-20T01:00:00.000Z');
    e.clock.set('2026-03-20T01:00:00.000Z');
    const marks = await e.deps.digests.dueMarks(new Date('2026-03-21T01:00:00.000Z'));

    expect(marks.marks.filter((m) => m.kind === 'check').map((m) => m.date)).toEqual([
      '2026-03-20',
      '2026-03-21',
    ]);
  });

  it('catches up in the sweep a check whose tick never ran, and clears its mark', async () => {
    await tick();
    await checkAt('lost', '2026-03-20T01:00:00.000Z');
    e.clock.set('2026-03-21T00:30:00.000Z'); // Sat 07:30: Friday's tick never ran

    const result = await sweep(e.deps);

    expect(result).toMatchObject({ missedChecks: 1, dispatched: 1 });
    expect((await e.deps.digests.dueMarks(e.clock.now())).marks.some((m) => m.date === '2026-03-20')).toBe(
      false,
    );
  });
});

describe('due marks written together', { timeout: 60_000 }, () => {
  it('sends the marks that concurrent writers ask for while one request is in flight in one more request', async () => {
    await tick();
    const requests = countRequests(e.table.client);

    await Promise.all([
      checkAt('a1', '2026-03-23T01:00:00.000Z'),
      checkAt('a2', '2026-03-24T01:00:00.000Z'),
      checkAt('a3', '2026-03-25T01:00:00.000Z'),
      checkAt('a4', '2026-03-26T01:00:00.000Z'),
    ]);

    const dates = (await e.deps.digests.dueMarks(new Date('2026-03-26T01:00:00.000Z'))).marks.map(
      (m) => m.date,
    );
    expect(requests.total(['BatchWriteItem'])).toBeLessThanOrEqual(2);
    expect(requests.total(['PutItem'])).toBe(4);
    expect(dates).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26']);
  });
});

describe('due marks written ahead by a window tick', { timeout: 60_000 }, () => {
  it('writes the marks of its dispatches in one request per kind, not one per shard and date', async () => {
    await tick();
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) await checkAt(id, '2026-03-20T01:00:00.000Z');
    e.clock.set('2026-03-20T01:00:00.000Z'); // Fri 08:00
    const requests = countRequests(e.table.client);

    const result = await tick();

    expect(result).toMatchObject({ checks: 6, outcome: 'drained' });
    // Ahead: every digest shard for this tick, and the next checks' ticks; then the tick's clear.
    expect(requests.total(['BatchWriteItem'])).toBe(3);
  });
});
