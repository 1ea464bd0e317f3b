import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Dependencies } from '#ports/dependencies';
import type { Reminder } from '#schemas/entities';
import { sweep } from '#usecases/engine/index';
import {
  assignment,
  createEngine,
  departmentsDueNow,
  dieAt,
  digestIds,
  dispatcher,
  type Engine,
  fireWindows,
  logOf,
  publishesPerPhone,
  seedProvince,
} from './support.ts';

/** The process dies here: an error no use case catches (not an SDK error it would handle). */
class Crash extends Error {}

/**
 * Deps whose `target[method]` (store, notifier or digest queue) throws a Crash once, before or after
 * doing its work, when `when(args)` matches. The other calls go through unchanged.
 */
function crashOnce(
  deps: Dependencies,
  part: 'store' | 'notifier' | 'digests',
  method: string,
  at: 'before' | 'after',
  when: (args: unknown[]) => boolean = () => true,
): { deps: Dependencies; crashed: () => boolean } {
  let crashed = false;
  const target = Object.create(deps[part]) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = Reflect.get(deps[part], method) as (...args: unknown[]) => Promise<unknown>;
  target[method] = async (...args: unknown[]) => {
    const now = !crashed && when(args);
    if (now && at === 'before') {
      crashed = true;
      throw new Crash(`crash before ${part}.${method}`);
    }
    const result = await original.apply(deps[part], args);
    if (now) {
      crashed = true;
      throw new Crash(`crash after ${part}.${method}`);
    }
    return result;
  };
  return { deps: { ...deps, [part]: target }, crashed: () => crashed };
}

/** A call of `digests.complete` recording a sent message (its items and the digest in one write). */
const isSent = (args: unknown[]) => args[1] === 'sent' && (args[2] as Reminder[]).length > 0;

let e: Engine;
const CHECK = { v: 1, assignmentId: 'a1', planVersion: 1 } as const;
const WINDOW = { v: 1, assignmentId: 'window.202603200800', planVersion: 0 } as const;
const PHONES = { '+84912345678': 1, '+84987654321': 1 };

beforeEach(async () => {
  // Fri 20/03/2026 08:00:10 local; a1's 0wd SMS step (head gd and focal cv of so-noi-vu) is due now.
  e = await createEngine('faults-crash', '2026-03-20T01:00:10.000Z');
  await seedProvince(e);
  const value = { ...assignment('a1'), nextCheckAt: '2026-03-20T01:00:00.000Z' };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);
});

/** Fires every digest once at its flush time, as its schedule would (errors are the schedule's retry). */
async function fireDigests(deps: Dependencies) {
  e.clock.set('2026-03-20T01:02:10.000Z');
  const fire = dispatcher(deps);
  const outcomes = [];
  for (const id of digestIds(e))
    outcomes.push(await fire({ v: 1, assignmentId: id, planVersion: 0 }).catch((x) => x));
  return outcomes;
}

/** What happens after a crash: the schedule's retry at once, then the next morning's sweep. */
async function retryThenSweep() {
  const fire = dispatcher(e.deps);
  for (const id of digestIds(e))
    await fire({ v: 1, assignmentId: id, planVersion: 0 }).catch(() => undefined);
  e.clock.set('2026-03-23T00:30:00.000Z'); // Mon 23/03 07:30 local: the daily sweep
  return sweep(e.deps);
}

const sent = (log: Reminder[]) =>
  log
    .filter((r) => r.outcome === 'sent')
    .map((r) => r.key)
    .sort();
const BOTH = ['v1#2#1#sms#so-noi-vu/cv', 'v1#2#1#sms#so-noi-vu/gd'];

describe('a crash in the check fire', () => {
  it('loses nothing and doubles nothing when it dies after queueing, before the next-check write', async () => {
    const isNextCheck = (args: unknown[]) =>
      (args[0] as { entity: { kind: string } }[]).some((w) => w.entity.kind === 'assignment');
    const crash = crashOnce(e.deps, 'store', 'write', 'before', isNextCheck);
    await expect(dispatcher(crash.deps)(CHECK)).rejects.toThrow(Crash);

    await dispatcher(e.deps)(CHECK); // the schedule's retry
    await fireDigests(e.deps);

    expect(crash.crashed()).toBe(true);
    expect(Object.fromEntries(publishesPerPhone(e))).toEqual(PHONES);
    expect(sent(await logOf(e, ['a1']))).toEqual(BOTH);
    expect(Date.parse((await e.deps.store.getAssignment('a1'))?.nextCheckAt ?? '')).toBeGreaterThan(
      Date.parse('2026-03-20T01:02:10.000Z'),
    );
  });
});

describe('a crash in the digest fire', () => {
  it('sends once when it dies after the reminder-log write, before the publish (taken over after the lease)', async () => {
    await dispatcher(e.deps)(CHECK);
    const crash = crashOnce(e.deps, 'digests', 'claimItems', 'after');
    await fireDigests(crash.deps);

    const result = await retryThenSweep();

    expect(crash.crashed()).toBe(true);
    expect(result.digestsSent).toBeGreaterThanOrEqual(1);
    expect(Object.fromEntries(publishesPerPhone(e))).toEqual(PHONES);
    expect(sent(await logOf(e, ['a1']))).toEqual(BOTH);
  });

  it('resends (the documented at-least-once choice) when it dies after the publish, before logging it sent', async () => {
    await dispatcher(e.deps)(CHECK);
    const crash = crashOnce(e.deps, 'digests', 'complete', 'before', isSent);
    await fireDigests(crash.deps);

    await retryThenSweep();
    const log = await logOf(e, ['a1']);

    expect(crash.crashed()).toBe(true);
    expect([...publishesPerPhone(e).values()].sort()).toEqual([1, 2]);
    expect(sent(log)).toEqual(BOTH);
    const resent = log.filter((r) => r.detail?.includes('resent after an interrupted send'));
    expect(resent).toHaveLength(1);
    expect(resent[0]?.attempts).toBe(2);
  });

  it('does not resend when it dies right after recording the send (the items and the digest in one write)', async () => {
    await dispatcher(e.deps)(CHECK);
    const crash = crashOnce(e.deps, 'digests', 'complete', 'after', isSent);
    await fireDigests(crash.deps);

    await retryThenSweep();

    expect(crash.crashed()).toBe(true);
    expect(Object.fromEntries(publishesPerPhone(e))).toEqual(PHONES);
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(sent(await logOf(e, ['a1']))).toEqual(BOTH);
  });
});

describe('a crash mid-window', { timeout: 120_000 }, () => {
  const UNITS = 10;

  it('sends every other message once and resends only the one cut between publish and log', async () => {
    // Prepare: ten heads due in the 08:00 window; the drain dies right after SNS accepted the 4th SMS.
    await seedProvince(e);
    const ids = await departmentsDueNow(e, UNITS, '2026-03-20T01:00:00.000Z');
    for (const id of ids) await dispatcher(e.deps)({ v: 1, assignmentId: id, planVersion: 1 });
    let sent = 0;
    const dying = dieAt(e.deps, 'digests', 'complete', (args) => isSent(args) && ++sent === 4);
    e.clock.set('2026-03-20T01:02:10.000Z');
    e.scheduler.names.delete('check-window.202603200800');

    // Act: the invocation dies; Scheduler delivers the window again after the Lambda timeout.
    void dispatcher(dying.deps)(WINDOW);
    while (!dying.died()) await new Promise((resolve) => setImmediate(resolve));
    e.clock.set('2026-03-20T01:06:20.000Z');
    e.scheduler.names.add('check-window.202603200800');
    const rounds = await fireWindows(e, dispatcher(e.deps));

    // Assess
    const perPhone = [...publishesPerPhone(e).values()].sort();
    const log = await logOf(e, ids);
    expect(rounds).toBeLessThan(40);
    // a1's head and focal officer (due in the same window) are sent once too.
    expect(perPhone).toEqual([...Array(UNITS + 1).fill(1), 2]);
    expect(log.every((r) => r.outcome === 'sent')).toBe(true);
    // Resent after the lease: the 4th message, and those its batch claimed but never published.
    const resent = log.filter((r) => r.detail?.includes('resent after an interrupted send'));
    expect(resent.length).toBeGreaterThan(1);
    expect(resent.every((r) => r.attempts === 2)).toBe(true);
  });

  it('sends every message exactly once when it dies before a publish', async () => {
    // Prepare: the drain dies while the 4th SMS is on its way to SNS (not accepted).
    await seedProvince(e);
    const ids = await departmentsDueNow(e, UNITS, '2026-03-20T01:00:00.000Z');
    for (const id of ids) await dispatcher(e.deps)({ v: 1, assignmentId: id, planVersion: 1 });
    let calls = 0;
    const dying = dieAt(e.deps, 'notifier', 'sendSms', () => ++calls === 4);
    e.clock.set('2026-03-20T01:02:10.000Z');
    e.scheduler.names.delete('check-window.202603200800');

    // Act
    void dispatcher(dying.deps)(WINDOW);
    while (!dying.died()) await new Promise((resolve) => setImmediate(resolve));
    e.clock.set('2026-03-20T01:06:20.000Z');
    e.scheduler.names.add('check-window.202603200800');
    await fireWindows(e, dispatcher(e.deps));

    // Assess
    expect([...publishesPerPhone(e).values()]).toEqual(Array(UNITS + 2).fill(1));
    expect((await logOf(e, ids)).every((r) => r.outcome === 'sent')).toBe(true);
  });
});
