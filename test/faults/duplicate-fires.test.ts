import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/random.ts';
import {
  assignment,
  createEngine,
  digestIds,
  dispatcher,
  type Engine,
  inPool,
  logOf,
  publishesPerPhone,
  seedProvince,
} from './support.ts';

const ASSIGNMENTS = 10;
const CHECK_FIRES_EACH = 50; // 500 check fires
const DIGEST_FIRES_EACH = 250; // 2 digests: 500 digest fires

/** Fisher-Yates with the bench's seeded generator: the same interleaving on every run. */
function shuffle<T>(items: T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('1,000 duplicated and concurrent scheduler fires', { timeout: 150_000 }, () => {
  let e: Engine;
  let ids: string[];
  let results: PromiseSettledResult<unknown>[];

  beforeAll(async () => {
    // Prepare: Fri 20/03/2026 08:00:10 local, ten assignments of so-noi-vu whose 0wd SMS step is due now.
    e = await createEngine('faults-dup', '2026-03-20T01:00:10.000Z');
    await seedProvince(e);
    let n = 0;
    e.sns.on(PublishCommand).callsFake(async (input) => ({ MessageId: `m${++n}-${input.PhoneNumber}` }));
    ids = Array.from({ length: ASSIGNMENTS }, (_, i) => `a${String(i).padStart(2, '0')}`);
    for (const id of ids) {
      const value = { ...assignment(id), nextCheckAt: '2026-03-20T01:00:00.000Z' };
      await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);
    }
    const fire = dispatcher(e.deps);

    // Act: 500 check fires (every assignment 50 times, shuffled, 25 in flight), then 500 fires of the digests.
    const checks = ids.flatMap((id) =>
      Array.from({ length: CHECK_FIRES_EACH }, () => () => fire({ v: 1, assignmentId: id, planVersion: 1 })),
    );
    results = await inPool(shuffle(checks, 1), 25);
    e.clock.set('2026-03-20T01:02:10.000Z');
    const digests = digestIds(e).flatMap((id) =>
      Array.from({ length: DIGEST_FIRES_EACH }, () => () => fire({ v: 1, assignmentId: id, planVersion: 0 })),
    );
    results.push(...(await inPool(shuffle(digests, 2), 25)));
  });

  it('handles all 1,000 fires without an error', () => {
    expect(results).toHaveLength(1_000);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  });

  it('publishes one SMS per recipient, listing all ten items', () => {
    expect(Object.fromEntries(publishesPerPhone(e))).toEqual({ '+84912345678': 1, '+84987654321': 1 });
  });

  it('sends every (step, send, channel, recipient) exactly once, by the one publish to that recipient', async () => {
    const log = await logOf(e, ids);
    const keys = log.map((r) => `${r.assignmentId}|${r.key}`);
    const sent = log.filter((r) => r.outcome === 'sent');

    expect(new Set(keys).size).toBe(keys.length);
    expect(sent).toHaveLength(ASSIGNMENTS * 2);
    for (const r of sent)
      expect(r.messageId).toMatch(r.key.endsWith('/gd') ? /-\+84912345678$/ : /-\+84987654321$/);
  });
});
