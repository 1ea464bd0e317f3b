import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/errors';
import { createHandler } from '../../../functions/scheduler/dispatcher.ts';
import check from '../../fixtures/check-payload.v1.json' with { type: 'json' };
import digest from '../../fixtures/digest-payload.v1.json' with { type: 'json' };
import {
  assignment,
  createEngine,
  type Engine,
  lambdaContext,
  seedProvince,
} from '../../integration/engine/harness.ts';

let e: Engine;
let dispatcher: ReturnType<typeof createHandler>;

beforeEach(async () => {
  e = await createEngine('fn-dispatcher', '2026-03-20T01:00:10.000Z');
  await seedProvince(e);
  dispatcher = createHandler(e.deps);
});

describe('the dispatcher handler', () => {
  it('rejects a payload that is not a versioned check payload', async () => {
    await expect(dispatcher({ v: 2, assignmentId: 'a1' }, lambdaContext)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('drops the fire of an assignment that does not exist', async () => {
    const result = await dispatcher(check, lambdaContext);

    expect(result).toMatchObject({ outcome: 'missing', queued: 0 });
  });

  it('treats a digest payload as a digest fire and sends nothing for an unknown digest', async () => {
    const result = await dispatcher(digest, lambdaContext);

    expect(result).toMatchObject({ outcome: 'taken' });
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('queues the due reminders of a check fire into digests', async () => {
    const value = { ...assignment('a1'), nextCheckAt: '2026-03-20T01:00:00.000Z' };
    await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);

    const result = await dispatcher({ v: 1, assignmentId: 'a1', planVersion: 1 }, lambdaContext);

    expect(result).toMatchObject({
      outcome: 'dispatched',
      queued: 2,
      nextCheckAt: '2026-03-23T01:00:00.000Z',
    });
  });
});
