import { CreateScheduleCommand, DeleteScheduleCommand } from '@aws-sdk/client-scheduler';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/stream/planner.ts';
import completed from '../../fixtures/dynamodb-stream-completed.json' with { type: 'json' };
import insert from '../../fixtures/dynamodb-stream-insert.json' with { type: 'json' };
import mixed from '../../fixtures/dynamodb-stream-mixed-batch.json' with { type: 'json' };
import planned from '../../fixtures/dynamodb-stream-planned.json' with { type: 'json' };
import progress from '../../fixtures/dynamodb-stream-progress.json' with { type: 'json' };
import {
  assignment,
  createEngine,
  type Engine,
  lambdaContext,
  SCHEDULER,
  seedProvince,
} from '../../integration/engine/harness.ts';

let e: Engine;
let planner: ReturnType<typeof createHandler>;
const run = (event: unknown) => planner(event as DynamoDBStreamEvent, lambdaContext);

beforeEach(async () => {
  e = await createEngine('fn-planner', '2026-03-10T02:00:00.000Z');
  await seedProvince(e);
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value: assignment('a1') } }]);
  planner = createHandler(e.deps);
});

describe('the stream planner handler', () => {
  it('records the next check of a new assignment and leaves the schedule to the next record', async () => {
    const result = await run(insert);

    expect(result).toEqual({ batchItemFailures: [] });
    expect((await e.deps.store.getAssignment('a1'))?.nextCheckAt).toBe('2026-03-13T01:00:00.000Z');
    expect(e.scheduler.mock.calls()).toHaveLength(0);
  });

  it('creates the schedule when the next check is recorded', async () => {
    await run(planned);

    expect(e.scheduler.mock.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        Name: 'check-a1',
        GroupName: SCHEDULER.groupName,
        ScheduleExpression: 'at(2026-03-13T14:00:00)',
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        ActionAfterCompletion: 'DELETE',
        Target: expect.objectContaining({ Input: '{"v":1,"assignmentId":"a1","planVersion":1}' }),
      }),
    ]);
  });

  it('makes no Scheduler call for a change that does not move the check', async () => {
    const result = await run(progress);

    expect(result).toEqual({ batchItemFailures: [] });
    expect(e.scheduler.mock.calls()).toHaveLength(0);
  });

  it('deletes the schedule of a completed assignment', async () => {
    await run(completed);

    expect(e.scheduler.mock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'check-a1', GroupName: SCHEDULER.groupName },
    ]);
  });

  it('reports only the bad record of a batch and processes the others', async () => {
    const result = await run(mixed);

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '000000000000000000105' }] });
    expect(e.scheduler.mock.commandCalls(CreateScheduleCommand)).toHaveLength(1);
  });
});
