import { beforeEach, describe, expect, it } from 'vitest';
import type { Dependencies } from '#ports/dependencies';
import type { Reminder } from '#schemas/entities';
import { WINDOW_TICK } from '#usecases/engine/window';
import { RecordingDigestQueue } from '../integration/engine/harness.ts';
import {
  createEngine,
  departmentsDueNow,
  dieAt,
  dispatcher,
  type Engine,
  fireWindows,
  logOf,
  publishesPerPhone,
  seedProvince,
} from './support.ts';

/**
 * A window tick holds the digests its own dispatches fill in memory and writes each one only in
 * its claim; the checks' next-check writes wait for those claims. These are the crash points of
 * that path: the process dies (its memory with it) and Lambda delivers the tick again.
 */
const TICK = { v: 1, assignmentId: WINDOW_TICK, planVersion: 0 } as const;
const UNITS = 3;

let e: Engine;
let ids: string[];

beforeEach(async () => {
  e = await createEngine('faults-held', '2026-03-20T01:00:10.000Z'); // Fri 20/03/2026 08:00:10 local
  await seedProvince(e);
  ids = await departmentsDueNow(e, UNITS, '2026-03-20T01:00:00.000Z');
});

/** The tick dies where `dying` says; Lambda retries it a minute later in a new container; resumes follow. */
async function tickDiesThenRetried(dying: { deps: Dependencies; died: () => boolean }) {
  void dispatcher(dying.deps)(TICK);
  while (!dying.died()) await new Promise((resolve) => setImmediate(resolve));
  e.clock.set('2026-03-20T01:01:10.000Z');
  const fresh = { ...e.deps, digests: new RecordingDigestQueue(e.table.doc, e.table.tableName, e.clock) };
  await dispatcher(fresh)(TICK);
  await fireWindows(e, dispatcher(fresh));
}

const isSent = (args: unknown[]) => args[1] === 'sent' && (args[2] as Reminder[]).length > 0;

describe("a crash in a tick's own drain (digests held until their claim)", { timeout: 120_000 }, () => {
  it('loses nothing when it dies before any claim: the checks are still due for the retry', async () => {
    const dying = dieAt(e.deps, 'digests', 'claimBatch', () => true); // the first claim: all three

    await tickDiesThenRetried(dying);

    const log = await logOf(e, ids);
    expect([...publishesPerPhone(e).values()]).toEqual(Array(UNITS).fill(1));
    expect(log.length).toBeGreaterThanOrEqual(UNITS);
    expect(log.filter((r) => r.outcome !== 'skipped').every((r) => r.outcome === 'sent')).toBe(true);
    for (const id of ids)
      expect(Date.parse((await e.deps.store.getAssignment(id))?.nextCheckAt ?? '')).toBeGreaterThan(
        e.clock.now().getTime(),
      );
  });

  it('sends once when it dies between a batch claim and its publishes (the rest resent after the lease)', async () => {
    let calls = 0;
    const dying = dieAt(e.deps, 'notifier', 'sendSms', () => ++calls === 2);

    await tickDiesThenRetried(dying);

    expect([...publishesPerPhone(e).values()]).toEqual(Array(UNITS).fill(1));
    const sent = (await logOf(e, ids)).filter((r) => r.outcome === 'sent');
    expect(sent).toHaveLength(UNITS);
    // The three were claimed in one transaction: the two not published yet are resent.
    expect(sent.filter((r) => r.detail?.includes('resent after an interrupted send'))).toHaveLength(2);
  });

  it('resends at most the one message cut between its publish and its log write', async () => {
    let sent = 0;
    const dying = dieAt(e.deps, 'digests', 'complete', (args) => isSent(args) && ++sent === 2);

    await tickDiesThenRetried(dying);

    const perPhone = [...publishesPerPhone(e).values()].sort();
    expect(perPhone).toEqual([...Array(UNITS - 1).fill(1), 2]);
    const log = (await logOf(e, ids)).filter((r) => r.outcome !== 'skipped');
    expect(log.every((r) => r.outcome === 'sent')).toBe(true);
  });
});
