import { beforeEach, describe, expect, it } from 'vitest';
import { countRequests } from '#local/runtime/request-counter';
import type { Dependencies } from '#ports/dependencies';
import type { BatchClaimResult } from '#ports/digest-queue';
import type { Assignment } from '#schemas/entities';
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
 * A window drain claims its next few digests (those this container wrote) in ONE transaction,
 * then publishes and completes each on its own: N messages cost about N/k claims and N completions.
 */
const WINDOW = { v: 1, assignmentId: 'window.202603200800', planVersion: 0 } as const;
const UNITS = 6;

let e: Engine;
let ids: string[];

beforeEach(async () => {
  e = await createEngine('faults-batch', '2026-03-20T01:00:10.000Z'); // Fri 20/03/2026 08:00:10 local
  await seedProvince(e);
  ids = await departmentsDueNow(e, UNITS, '2026-03-20T01:00:00.000Z');
  for (const id of ids) await dispatcher(e.deps)({ v: 1, assignmentId: id, planVersion: 1 });
  e.clock.set('2026-03-20T01:02:10.000Z');
  e.scheduler.names.delete('check-window.202603200800');
});

/** Deps whose digest queue records what each batch claim returned. */
function recordingBatches(deps: Dependencies) {
  const results: BatchClaimResult[] = [];
  const digests = Object.create(deps.digests) as Dependencies['digests'];
  digests.claimBatch = async (sends) => {
    const result = await deps.digests.claimBatch.call(deps.digests, sends);
    results.push(result);
    return result;
  };
  return { deps: { ...deps, digests }, results };
}

const sentOnce = () => expect([...publishesPerPhone(e).values()]).toEqual(Array(UNITS).fill(1));

describe('batch claims of a window drain', { timeout: 120_000 }, () => {
  it('claims k digests per transaction, sized by the SMS budget, and completes each message alone', async () => {
    // 0.2 parts a second: 6 parts in 30 s, three one-item SMS digests (two parts each) per batch.
    const slow = { ...e.deps, settings: { ...e.deps.settings, smsPartsPerSecond: 0.2 } };
    const { deps, results } = recordingBatches(slow);
    const requests = countRequests(e.table.client);

    await dispatcher(deps)(WINDOW);

    sentOnce();
    expect(results.map((r) => [r.included, r.committed])).toEqual([
      [3, true],
      [3, true],
    ]);
    expect(requests.counts().TransactWriteItems).toBe(UNITS + 2);
    expect(requests.total(['PutItem', 'UpdateItem'])).toBe(0);
  });

  it('claims a whole window in one transaction when it fits in 100 items', async () => {
    const { deps, results } = recordingBatches(e.deps);
    const requests = countRequests(e.table.client);

    await dispatcher(deps)(WINDOW);

    sentOnce();
    expect(results.map((r) => [r.included, r.committed])).toEqual([[UNITS, true]]);
    expect(requests.counts().TransactWriteItems).toBe(UNITS + 1);
  });

  it('claims one by one when the batch is cancelled (an assignment moved since it was queued)', async () => {
    const queued = (await e.deps.store.getAssignment(ids[2] as string)) as Assignment;
    const renamed = { ...queued, title: 'Báo cáo kết quả quý I', version: queued.version + 1 };
    await e.deps.store.write([
      { op: 'put', entity: { kind: 'assignment', value: renamed }, expect: queued.version },
    ]);
    const { deps, results } = recordingBatches(e.deps);
    const requests = countRequests(e.table.client);

    await dispatcher(deps)(WINDOW);

    sentOnce();
    expect(results.map((r) => [r.included, r.committed])).toEqual([[UNITS, false]]);
    // The cancelled batch (nothing written); then each digest's claim and completion. The moved
    // one's goes as before a batch existed: its fast claim is cancelled (nothing written), the
    // usual claim (an UpdateItem) is cancelled again by the version check, then claims at the
    // version it read.
    expect(requests.counts().TransactWriteItems).toBe(1 + 2 * UNITS + 2);
    const log = await logOf(e, [ids[2] as string]);
    expect(log.map((r) => [r.outcome, r.text?.includes('Bao cao ket qua quy I')])).toEqual([['sent', true]]);
  });

  it('resends each message of a batch exactly once after the lease when it dies before publishing', async () => {
    let died = false;
    const notifier = Object.create(e.deps.notifier) as Dependencies['notifier'];
    notifier.sendSms = () => {
      died = true;
      return new Promise(() => {}); // the process dies with the whole batch claimed
    };
    const dying = recordingBatches({ ...e.deps, notifier });
    void dispatcher(dying.deps)(WINDOW);
    while (!died) await new Promise((resolve) => setImmediate(resolve));
    expect(dying.results.map((r) => [r.included, r.committed])).toEqual([[UNITS, true]]);

    // A later fire (a new container) finds them held until the lease ends, then sends them.
    e.clock.set('2026-03-20T01:03:10.000Z');
    e.scheduler.names.add('check-window.202603200800');
    const fresh = { ...e.deps, digests: new RecordingDigestQueue(e.table.doc, e.table.tableName, e.clock) };
    await fireWindows(e, dispatcher(fresh));

    sentOnce();
    const log = await logOf(e, ids);
    expect(log).toHaveLength(UNITS);
    for (const r of log) {
      expect(r.outcome).toBe('sent');
      expect(r.attempts).toBe(2);
      expect(r.detail).toContain('resent after an interrupted send');
    }
  });
});
