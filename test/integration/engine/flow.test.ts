import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { emailSubject } from '#adapters/sns/sns-notifier';
import { reminderEmail, reminderSms } from '#domain/messages';
import { defaultPolicy } from '#domain/policy';
import type { Assignment } from '#schemas/entities';
import { EMAIL_BY_SMS } from '#usecases/engine/recipients';
import { createHandler as createDispatcher } from '../../../functions/scheduler/dispatcher.ts';
import { createHandler as createPlanner } from '../../../functions/stream/planner.ts';
import {
  assignment,
  createEngine,
  type Engine,
  FOCAL_PHONE,
  HEAD_PHONE,
  lambdaContext,
  SCHEDULER,
  seedProvince,
  TOPIC,
  withStream,
} from './harness.ts';

let e: Engine;
let planner: ReturnType<typeof createPlanner>;
let dispatcher: ReturnType<typeof createDispatcher>;

const fire = (payload: unknown) => dispatcher(payload, lambdaContext);

beforeEach(async () => {
  e = await createEngine('engine-flow', '2026-03-10T02:00:00.000Z'); // Tue 10/03/2026 09:00 local
  await seedProvince(e, { confirmedEmail: true });
  planner = createPlanner(e.deps);
  dispatcher = createDispatcher(e.deps);
});

/** Writes a change to an assignment (version checked, as the API does) and feeds its stream record to the planner. */
async function changeAssignment(id: string, patch: Partial<Assignment>) {
  const current = await e.deps.store.getAssignment(id);
  if (!current) throw new Error(`missing ${id}`);
  await withStream(e, planner, id, () =>
    e.deps.store.write([
      {
        op: 'put',
        entity: { kind: 'assignment', value: { ...current, ...patch, version: current.version + 1 } },
        expect: current.version,
      },
    ]),
  );
}

async function createAssignment(id: string, extra: Partial<Assignment> = {}) {
  await withStream(e, planner, id, () =>
    e.deps.store.write([
      { op: 'put', entity: { kind: 'assignment', value: assignment(id, extra) }, expect: 'absent' },
    ]),
  );
}

/** A policy like the default one that sends at 14:00: its checks are off the 08:00 window tick. */
async function createAfternoonAssignment(id: string) {
  const stamp = { version: 1, createdAt: '2026-03-01T01:00:00.000Z', updatedAt: '2026-03-01T01:00:00.000Z' };
  const policy = { ...defaultPolicy, name: 'buoi-chieu', sendAt: '14:00', ...stamp };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'policy', value: policy } }]);
  await createAssignment(id, { policy: 'buoi-chieu' });
}

const TICK = { v: 1, assignmentId: 'window.tick', planVersion: 0 };

describe('the flow from a new assignment to the message', () => {
  it('creates no schedule for a check on the 08:00 window tick, which dispatches it', async () => {
    await createAssignment('a1');

    expect(e.scheduler.mock.calls()).toHaveLength(0);
    expect((await e.deps.store.getAssignment('a1'))?.nextCheckAt).toBe('2026-03-13T01:00:00.000Z');
  });

  it('creates exactly one schedule for a check off the window ticks, in local time, with retry and dead-letter queue', async () => {
    await createAfternoonAssignment('a1');

    const creates = e.scheduler.mock.commandCalls(CreateScheduleCommand);
    expect(creates).toHaveLength(1);
    expect(creates[0]?.args[0].input).toEqual({
      Name: 'check-a1',
      GroupName: SCHEDULER.groupName,
      Description: 'dondoc check of assignment a1',
      ScheduleExpression: 'at(2026-03-13T14:00:00)', // -5wd from Fri 20/03, at sendAt
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: SCHEDULER.targetArn,
        RoleArn: SCHEDULER.roleArn,
        Input: JSON.stringify({ v: 1, assignmentId: 'a1', planVersion: 1 }),
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: SCHEDULER.dlqArn },
      },
    });
  });

  it('records the next check on the assignment', async () => {
    await createAssignment('a1');

    expect((await e.deps.store.getAssignment('a1'))?.nextCheckAt).toBe('2026-03-13T01:00:00.000Z');
  });

  it("sends the email step to the head's own topic in the 08:00 window tick, and the focal officer without an address an SMS", async () => {
    await createAssignment('a1');

    e.clock.set('2026-03-13T01:00:20.000Z');
    let result: unknown;
    await withStream(e, planner, 'a1', async () => {
      result = await fire(TICK);
    });

    const expected = reminderEmail(
      [
        {
          unitName: 'Sở Nội vụ',
          taskTitle: 'Báo cáo a1',
          directiveNumber: '276/UBND-NCPC',
          dueAt: new Date('2026-03-20T16:59:59.999Z'),
          status: 'behind-pace', // no progress report with more than half the time used
          daysLeft: 7,
        },
      ],
      { lang: 'vi' },
    );
    expect(result).toMatchObject({ window: 'window.202603130800', outcome: 'drained', checks: 1, sent: 2 });
    expect(e.scheduler.mock.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    const published = e.sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(published).toContainEqual({
      TopicArn: TOPIC,
      Subject: emailSubject(expected.subject),
      Message: expected.body,
    });
    expect(published).toContainEqual(expect.objectContaining({ PhoneNumber: FOCAL_PHONE }));
    expect(published).toHaveLength(2);
    const log = (await e.deps.store.listReminders('a1')).items;
    expect(log).toEqual([
      expect.objectContaining({ key: 'v1#0#1#email#so-noi-vu/cv', channel: 'sms', outcome: 'sent' }),
      expect.objectContaining({ key: 'v1#0#1#email#so-noi-vu/gd', channel: 'email', outcome: 'sent' }),
    ]);
    expect(log[0]?.detail).toContain(EMAIL_BY_SMS);
  });

  it('moves the schedule to the next reminder after a fire', async () => {
    await createAfternoonAssignment('a1');

    e.clock.set('2026-03-13T07:00:20.000Z');
    await withStream(e, planner, 'a1', () => fire({ v: 1, assignmentId: 'a1', planVersion: 1 }));

    const updates = e.scheduler.mock.commandCalls(UpdateScheduleCommand).map((c) => c.args[0].input);
    expect(updates.filter((u) => u.Name === 'check-a1').at(-1)?.ScheduleExpression).toBe(
      'at(2026-03-19T14:00:00)',
    );
  });

  it('sends the SMS step to the head and the focal officer, each exactly once', async () => {
    await createAssignment('a1');
    e.clock.set('2026-03-20T01:00:10.000Z'); // the due day, step 0wd (sms)
    await e.deps.store.write([
      {
        op: 'put',
        entity: {
          kind: 'assignment',
          value: { ...assignment('a1'), nextCheckAt: '2026-03-20T01:00:00.000Z', version: 3 },
        },
      },
    ]);

    await fire(TICK);

    const text = reminderSms(
      [
        {
          unitName: 'Sở Nội vụ',
          taskTitle: 'Báo cáo a1',
          directiveNumber: '276/UBND-NCPC',
          dueAt: new Date('2026-03-20T16:59:59.999Z'),
          status: 'behind-pace',
          daysLeft: 0,
        },
      ],
      { lang: 'vi', mode: 'strip' },
    );
    const attributes = { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } };
    const publishes = e.sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(publishes).toHaveLength(2);
    expect(publishes).toEqual(
      expect.arrayContaining([
        { PhoneNumber: HEAD_PHONE, Message: text, MessageAttributes: attributes },
        { PhoneNumber: FOCAL_PHONE, Message: text, MessageAttributes: attributes },
      ]),
    );
  });
});

describe('changes to the assignment change its schedule', () => {
  it('deletes the schedule when the assignment is completed', async () => {
    await createAfternoonAssignment('a1');
    await changeAssignment('a1', { state: 'done', completedAt: '2026-03-10T02:00:00.000Z' });

    expect(e.scheduler.mock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input)).toEqual([
      { Name: 'check-a1', GroupName: SCHEDULER.groupName },
    ]);
  });

  it('sends nothing more for a completed assignment, even when an old fire arrives', async () => {
    await createAssignment('a1');
    const current = await e.deps.store.getAssignment('a1');
    if (!current) throw new Error('missing');
    await e.deps.store.write([
      {
        op: 'put',
        entity: { kind: 'assignment', value: { ...current, state: 'done', version: current.version + 1 } },
      },
    ]);

    e.clock.set('2026-03-13T01:00:20.000Z');
    const result = await fire({ v: 1, assignmentId: 'a1', planVersion: 1 });

    expect(result).toMatchObject({ outcome: 'closed', queued: 0 });
    expect(e.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('moves the schedule with the new plan version when an extension is granted', async () => {
    await createAfternoonAssignment('a1');
    await changeAssignment('a1', { dueAt: '2026-04-10T16:59:59.999Z', planVersion: 2 });

    const last = e.scheduler.mock.commandCalls(UpdateScheduleCommand).at(-1)?.args[0].input;
    expect(last?.ScheduleExpression).toBe('at(2026-04-03T14:00:00)'); // -5wd from Fri 10/04
    expect(last?.Target?.Input).toBe(JSON.stringify({ v: 1, assignmentId: 'a1', planVersion: 2 }));
  });

  it('bumps the plan version itself when the assignment is re-assigned without one', async () => {
    await createAfternoonAssignment('a1');
    await changeAssignment('a1', { unitId: 'ubnd-tinh' });

    const last = e.scheduler.mock.commandCalls(UpdateScheduleCommand).at(-1)?.args[0].input;
    expect(last?.Target?.Input).toBe(JSON.stringify({ v: 1, assignmentId: 'a1', planVersion: 2 }));
  });

  it('makes no Scheduler call for a progress report', async () => {
    await createAssignment('a1');
    const calls = e.scheduler.mock.calls().length;
    await changeAssignment('a1', { progress: 40 });

    expect(e.scheduler.mock.calls()).toHaveLength(calls);
  });

  it('drops a fire of an older plan version', async () => {
    await createAssignment('a1');

    e.clock.set('2026-03-13T01:00:20.000Z');
    const result = await fire({ v: 1, assignmentId: 'a1', planVersion: 0 });

    expect(result).toMatchObject({ outcome: 'stale', queued: 0 });
  });
});
