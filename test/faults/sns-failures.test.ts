import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { smsInfo } from '#domain/sms';
import { seededRandom } from '../../bench/random.ts';
import { snsServerError, snsThrottled } from '../integration/engine/harness.ts';
import {
  createEngine,
  departmentsDueNow,
  dispatcher,
  type Engine,
  fireWindows,
  logOf,
  seedProvince,
} from './support.ts';

const UNITS = 30;
const PARTS_PER_SECOND = 4;

describe('SNS failing 30% of publishes with throttling and 5xx, sends paced', { timeout: 150_000 }, () => {
  let e: Engine;
  let ids: string[];
  const delivered = new Map<string, number>();
  const serverFailures = new Map<string, number>();
  const kinds = { throttling: 0, server: 0 };
  const sentAt: { ms: number; parts: number }[] = [];
  let rounds: number;

  beforeAll(async () => {
    // Prepare: 30 departments, each head with its own phone and one assignment whose SMS step is due now.
    e = await createEngine('faults-sns', '2026-03-20T01:00:10.000Z');
    e.deps.settings.smsPartsPerSecond = PARTS_PER_SECOND;
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
      if (fault === 1) {
        kinds.throttling++;
        throw snsThrottled();
      }
      if (fault === 2) {
        kinds.server++;
        serverFailures.set(phone, (serverFailures.get(phone) ?? 0) + 1);
        throw snsServerError();
      }
      delivered.set(phone, (delivered.get(phone) ?? 0) + 1);
      sentAt.push({ ms: e.clock.now().getTime(), parts: smsInfo(input.Message ?? '').segments });
      return { MessageId: `m${++n}` };
    });
    const fire = dispatcher(e.deps);
    for (const id of ids) await fire({ v: 1, assignmentId: id, planVersion: 1 });

    // Act: the 08:00 window's drain fires (and its resumes, after the 5xx failures) as Scheduler would.
    rounds = await fireWindows(e, fire);
  });

  it('injects throttling and 5xx failures into about 30% of the publishes', () => {
    const failed = kinds.throttling + kinds.server;
    const total = failed + [...delivered.values()].reduce((s, n) => s + n, 0);

    expect(kinds.throttling).toBeGreaterThan(0);
    expect(kinds.server).toBeGreaterThan(0);
    expect(failed / total).toBeGreaterThan(0.2);
    expect(failed / total).toBeLessThan(0.4);
  });

  it('eventually delivers every digest, each exactly once, and the drain stops resuming', () => {
    expect(rounds).toBeLessThan(40);
    expect(delivered.size).toBe(UNITS);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    expect(e.deps.metrics.counts.sent.sms).toBe(UNITS);
  });

  it('never sends more message parts in one second than the sender ID allows', () => {
    for (const { ms } of sentAt) {
      const inSecond = sentAt
        .filter((s) => s.ms >= ms && s.ms < ms + 1000)
        .reduce((sum, s) => sum + s.parts, 0);
      expect(inSecond).toBeLessThanOrEqual(PARTS_PER_SECOND);
    }
  });

  it('logs every reminder as sent once; a throttle is retried in the pacing, only 5xx count as attempts', async () => {
    const log = await logOf(e, ids);

    expect(log).toHaveLength(UNITS);
    for (const record of log) {
      const phone = `+8491${String(2_000_000 + Number(record.unitId.slice(3))).padStart(7, '0')}`;
      expect(record.outcome).toBe('sent');
      expect(record.attempts, record.unitId).toBe(1 + (serverFailures.get(phone) ?? 0));
    }
  });
});
