import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { scheduleName } from '../../../shared/adapters/aws-names.ts';
import {
  atExpression,
  EventBridgeReminderScheduler,
} from '../../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import type { CheckPayload } from '../../../shared/ports/reminder-scheduler.ts';
import { checkPayloadSchema } from '../../../shared/schemas/payloads.ts';
import fixture from '../../fixtures/check-payload.v1.json' with { type: 'json' };
import '../../support/aws-matchers.ts';

const schedulerMock = mockClient(SchedulerClient);
const now = new Date('2026-04-20T02:00:00Z');
const options = {
  groupName: 'dondoc-dev',
  targetArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:dondoc-dev-dispatcher',
  roleArn: 'arn:aws:iam::123456789012:role/dondoc-dev-scheduler',
  dlqArn: 'arn:aws:sqs:ap-southeast-1:123456789012:dondoc-dev-scheduler-dlq',
  namePrefix: 'check-',
  clock: { now: () => now },
};
const payload: CheckPayload = { v: 1, assignmentId: 'a-276-so-noi-vu', planVersion: 3 };

/** The exact definition the adapter must send for `payload` firing at 2026-04-24T01:00:00Z (08:00 local). */
const expectedInput = {
  Name: 'check-a-276-so-noi-vu',
  GroupName: 'dondoc-dev',
  Description: 'dondoc check of assignment a-276-so-noi-vu',
  ScheduleExpression: 'at(2026-04-24T08:00:00)',
  ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
  FlexibleTimeWindow: { Mode: 'OFF' },
  ActionAfterCompletion: 'DELETE',
  State: 'ENABLED',
  Target: {
    Arn: options.targetArn,
    RoleArn: options.roleArn,
    Input: '{"v":1,"assignmentId":"a-276-so-noi-vu","planVersion":3}',
    RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86_400 },
    DeadLetterConfig: { Arn: options.dlqArn },
  },
};

const notFound = () =>
  new ResourceNotFoundException({
    message: 'Schedule not found',
    Message: 'Schedule not found',
    $metadata: {},
  });

function makeScheduler() {
  return new EventBridgeReminderScheduler(new SchedulerClient({ region: 'ap-southeast-1' }), options);
}

beforeEach(() => {
  schedulerMock.reset();
});

describe('EventBridgeReminderScheduler.upsert', () => {
  it('creates a new schedule with one call and the full definition', async () => {
    // Prepare
    schedulerMock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    // Act
    await makeScheduler().upsert(payload.assignmentId, new Date('2026-04-24T01:00:00Z'), payload);
    // Assess
    expect(schedulerMock).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
    expect(schedulerMock).not.toHaveReceivedCommand(UpdateScheduleCommand);
    expect(schedulerMock.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toEqual(expectedInput);
  });

  it('updates the schedule with the same definition when one of that name exists', async () => {
    // Prepare
    schedulerMock.on(CreateScheduleCommand).rejects(
      new ConflictException({
        message: 'Schedule already exists',
        Message: 'Schedule already exists',
        $metadata: {},
      }),
    );
    schedulerMock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    // Act
    await makeScheduler().upsert(payload.assignmentId, new Date('2026-04-24T01:00:00Z'), payload);
    // Assess
    expect(schedulerMock).toHaveReceivedCommandTimes(UpdateScheduleCommand, 1);
    expect(schedulerMock.commandCalls(UpdateScheduleCommand)[0]?.args[0].input).toEqual(expectedInput);
  });

  it('lets any other Scheduler error through without trying to update', async () => {
    // Prepare
    schedulerMock
      .on(CreateScheduleCommand)
      .rejects(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }));
    // Act
    const result = makeScheduler().upsert(payload.assignmentId, new Date('2026-04-24T01:00:00Z'), payload);
    // Assess
    await expect(result).rejects.toThrow(ValidationException);
    expect(schedulerMock).not.toHaveReceivedCommand(UpdateScheduleCommand);
  });

  it('moves a fire time in the past to one minute from now', async () => {
    // Prepare
    schedulerMock.on(CreateScheduleCommand).resolves({});
    // Act
    await makeScheduler().upsert(payload.assignmentId, new Date('2026-04-19T01:00:00Z'), payload);
    // Assess: now is 2026-04-20T02:00:00Z = 09:00 local
    expect(schedulerMock).toHaveReceivedCommandWith(CreateScheduleCommand, {
      ScheduleExpression: 'at(2026-04-20T09:01:00)',
    });
  });

  it('refuses a payload that belongs to another assignment', async () => {
    // Act
    const result = makeScheduler().upsert('another-assignment', new Date('2026-04-24T01:00:00Z'), payload);
    // Assess
    await expect(result).rejects.toThrow(/another-assignment/);
    expect(schedulerMock).not.toHaveReceivedAnyCommand();
  });

  it('sends a payload that parses against the dispatcher contract and equals the v1 fixture', async () => {
    // Prepare
    const fromFixture = checkPayloadSchema.parse(fixture);
    schedulerMock.on(CreateScheduleCommand).resolves({});
    // Act
    await makeScheduler().upsert(fromFixture.assignmentId, new Date('2026-04-24T01:00:00Z'), fromFixture);
    // Assess
    const input = schedulerMock.commandCalls(CreateScheduleCommand)[0]?.args[0].input.Target?.Input ?? '';
    expect(checkPayloadSchema.parse(JSON.parse(input))).toEqual(fixture);
  });
});

describe('EventBridgeReminderScheduler.remove', () => {
  it('deletes the schedule by its name in the group', async () => {
    // Prepare
    schedulerMock.on(DeleteScheduleCommand).resolves({});
    // Act
    await makeScheduler().remove('a-276-so-noi-vu');
    // Assess
    expect(schedulerMock.commandCalls(DeleteScheduleCommand)[0]?.args[0].input).toEqual({
      Name: 'check-a-276-so-noi-vu',
      GroupName: 'dondoc-dev',
    });
  });

  it('resolves when the schedule does not exist', async () => {
    // Prepare
    schedulerMock.on(DeleteScheduleCommand).rejects(notFound());
    // Act
    const result = makeScheduler().remove('a-276-so-noi-vu');
    // Assess
    await expect(result).resolves.toBeUndefined();
  });

  it('lets other errors through', async () => {
    // Prepare
    schedulerMock
      .on(DeleteScheduleCommand)
      .rejects(new ValidationException({ message: 'bad', Message: 'bad', $metadata: {} }));
    // Act
    const result = makeScheduler().remove('a-276-so-noi-vu');
    // Assess
    await expect(result).rejects.toThrow(ValidationException);
  });
});

describe('atExpression', () => {
  it('writes the instant as Asia/Ho_Chi_Minh wall-clock time', () => {
    expect(atExpression(new Date('2026-04-24T01:00:00Z'))).toBe('at(2026-04-24T08:00:00)');
  });

  it('crosses into the next local day and year', () => {
    expect(atExpression(new Date('2026-12-31T17:30:00Z'))).toBe('at(2027-01-01T00:30:00)');
  });

  it('rounds a fraction of a second up so the schedule never fires before the instant', () => {
    expect(atExpression(new Date('2026-04-24T01:00:00.250Z'))).toBe('at(2026-04-24T08:00:01)');
  });
});

describe('scheduleName', () => {
  it('is the prefixed id when that fits the Scheduler naming rule', () => {
    expect(scheduleName('check-', '01JSAZ3V6Q2W8X1Y4Z5A6B7C8D')).toBe('check-01JSAZ3V6Q2W8X1Y4Z5A6B7C8D');
  });

  it('hashes a long id into at most 64 allowed characters, the same each time', () => {
    // Prepare
    const id = `${'x'.repeat(70)}-quy-1`;
    // Act
    const name = scheduleName('check-', id);
    // Assess
    expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
    expect(scheduleName('check-', id)).toBe(name);
  });

  it('gives different names to long ids that share their first 64 characters', () => {
    const base = 'y'.repeat(70);
    expect(scheduleName('check-', `${base}-quy-1`)).not.toBe(scheduleName('check-', `${base}-quy-2`));
  });
});
