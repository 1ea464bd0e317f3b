import type { ScheduledEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/scheduled/sweeper.ts';
import {
  assignment,
  createEngine,
  type Engine,
  lambdaContext,
  seedProvince,
} from '../../integration/engine/harness.ts';

let e: Engine;

beforeEach(async () => {
  e = await createEngine('fn-sweeper', '2026-03-20T00:30:00.000Z'); // 07:30 local
  await seedProvince(e);
});

describe('the sweeper handler', () => {
  it('returns the counts of what it caught up', async () => {
    const value = { ...assignment('a1'), nextCheckAt: '2026-03-19T01:00:00.000Z' };
    await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);

    const result = await createHandler(e.deps)({} as ScheduledEvent, lambdaContext);

    // Its next check (08:00 on the 20th) rides the window tick: nothing to reschedule.
    expect(result).toMatchObject({ missedChecks: 1, dispatched: 1, rescheduled: 0, failures: 0 });
  });
});
