import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/random.ts';
import { snsServerError, snsThrottled } from '../integration/engine/harness.ts';
import {
  createEngine,
  departmentsDueNow,
  digestIds,
  dispatcher,
  type Engine,
  logOf,
  seedProvince,
} from './support.ts';

const UNITS = 30;
const MAX_ROUNDS = 40;

describe('SNS failing 30% of publishes with throttling and 5xx', { timeout: 150_000 }, () => {
  let e: Engine;
  let ids: string[];
  const delivered = new Map<string, number>();
  const failures = new Map<string, number>();
  const kinds = { throttling: 0, server: 0 };
  let undelivered: string[];

  beforeAll(async () => {
    // Prepare: 30 departments, each head with its own phone and one assignment whose SMS step is due now.
    e = await createEngine('faults-sns', '2026-03-20T01:00:10.000Z');
    await seedProvince(e);
    ids = await departmentsDueNow(e, UNITS, '2026-03-20T01:00:00.000Z');
    // 3 failures in every 10 publishes, at seeded positions, throttling or 5xx.
    const random = seededRandom(30);
    let block: number[] = [];
    let n = 0;
    e.sns.on(PublishCommand).callsFake(async (input) => {
      const phone = input.PhoneNumber as string;
      if (block.length === 0)
        block = [1, 2, random() < 0.5 ? 1 : 2, 0, 0, 0, 0, 0, 0, 0].sort(() => random() - 0.5);
      const fault = block.pop();
      if (fault) {
        failures.set(phone, (failures.get(phone) ?? 0) + 1);
        kinds[fault === 1 ? 'throttling' : 'server']++;
        throw fault === 1 ? snsThrottled() : snsServerError();
      }
      delivered.set(phone, (delivered.get(phone) ?? 0) + 1);
      return { MessageId: `m${++n}` };
    });
    const fire = dispatcher(e.deps);
    for (const id of ids) await fire({ v: 1, assignmentId: id, planVersion: 1 });

    // Act: fire each digest like EventBridge Scheduler does: a failed invocation is fired again later.
    let pending = digestIds(e);
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
      e.clock.set(new Date(Date.parse('2026-03-20T01:02:10.000Z') + round * 60_000).toISOString());
      const failed: string[] = [];
      for (const id of pending)
        await fire({ v: 1, assignmentId: id, planVersion: 0 }).catch(() => failed.push(id));
      pending = failed;
    }
    undelivered = pending;
  });

  it('injects throttling and 5xx failures into about 30% of the publishes', () => {
    const failed = [...failures.values()].reduce((s, n) => s + n, 0);
    const total = failed + [...delivered.values()].reduce((s, n) => s + n, 0);

    expect(kinds.throttling).toBeGreaterThan(0);
    expect(kinds.server).toBeGreaterThan(0);
    expect(failed / total).toBeGreaterThan(0.2);
    expect(failed / total).toBeLessThan(0.4);
  });

  it('eventually delivers every digest, each exactly once', () => {
    expect(undelivered).toEqual([]);
    expect(delivered.size).toBe(UNITS);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
  });

  it('logs every reminder as sent once, the failed attempts counted in the record', async () => {
    const log = await logOf(e, ids);

    expect(log).toHaveLength(UNITS);
    for (const record of log) {
      const phone = `+8491${String(2_000_000 + Number(record.unitId.slice(3))).padStart(7, '0')}`;
      expect(record.outcome).toBe('sent');
      expect(record.attempts, record.unitId).toBe(1 + (failures.get(phone) ?? 0));
    }
  });
});
