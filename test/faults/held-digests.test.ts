import { beforeEach, describe, expect, it } from 'vitest';
import type { Dependencies } from '#ports/dependencies';
import type { Reminder } from '#schemas/entities';
import { WINDOW_TICK } from '#usecases/engine/window';
import { RecordingDigestQueue } from '../integration/engine/harness.ts';
import {
  createEngine,
  departmentsDueNow,
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

/** Deps whose `part.method` never returns from its `nth` call on: the process died there. */
function dieAt(
  deps: Dependencies,
  part: 'notifier' | 'digests',
  method: string,
  when: (args: unknown[]) => boolean,
) {
  let died = false;
  const target = Object.create(deps[part]) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = (deps[part] as unknown as typeof target)[method] as (
    ...args: unknown[]
  ) => Promise<unknown>;
  target[method] = (...args: unknown[]) => {
    if (died || when(args)) {
      died = true;
      return new Promise(() => {});
    }
    return original.apply(deps[part], args);
  };
  return { deps: { ...deps, [part]: target } as Dependencies, died: () => died };
}

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
    const dying = dieAt(e.deps, 'digests', 'claimItems', () => true);

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

  it('sends once when it dies between a claim and its publish (resent after the lease)', async () => {
    let calls = 0;
    const dying = dieAt(e.deps, 'notifier', 'sendSms', () => ++calls === 2);

    await tickDiesThenRetried(dying);

    expect([...publishesPerPhone(e).values()]).toEqual(Array(UNITS).fill(1));
    const sent = (await logOf(e, ids)).filter((r) => r.outcome === 'sent');
    expect(sent).toHaveLength(UNITS);
    expect(sent.filter((r) => r.detail?.includes('resent after an interrupted send'))).toHaveLength(1);
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
