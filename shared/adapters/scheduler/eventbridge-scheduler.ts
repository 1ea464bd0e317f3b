import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { OFFSET_MS, ZONE } from '../../domain/local-time.ts';
import { logger } from '../../logger.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import type { CheckPayload, ReminderScheduler } from '../../ports/reminder-scheduler.ts';
import { checkPayloadSchema } from '../../schemas/payloads.ts';
import { CHECK_SCHEDULE_PREFIX, scheduleName } from '../aws-names.ts';

/** Always sent to AWS as is (this Node's Intl calls it `Asia/Saigon`; Scheduler wants the canonical name). */
export const SCHEDULE_TIMEZONE = ZONE;
/**
 * A fire time closer than this (or in the past) is moved to now + this. EventBridge Scheduler
 * fires with one-minute precision and its docs do not promise anything for an `at()` that has
 * already passed, so we never send one; the dispatcher decides what is due when it runs, so firing
 * a little late loses nothing.
 */
export const MIN_LEAD_MS = 60_000;

export interface EventBridgeSchedulerOptions {
  groupName: string;
  /** The dispatcher Lambda's ARN. */
  targetArn: string;
  /** The role Scheduler assumes to invoke the target. */
  roleArn: string;
  /**
   * SQS queue that receives fires Scheduler could not deliver once the retry policy is spent (the
   * invoke call itself failed: throttled, denied, function missing). Scheduler invokes the dispatcher
   * asynchronously, so a fire the dispatcher accepted and then failed on never comes back here:
   * Lambda retries it twice and then puts it in the dispatcher's on-failure queue.
   */
  dlqArn: string;
  /** Prepended to the assignment id to name its schedule (default `check-`). */
  namePrefix?: string;
  /** Scheduler-side retries of an invoke call that failed (0-185, default 20); not of the function's own errors. */
  maxRetryAttempts?: number;
  /** How long Scheduler keeps retrying (60-86400 s, default 86400: the sweep is a daily safety net). */
  maxEventAgeSeconds?: number;
  clock?: Clock;
}

/** `2026-04-24T01:00:00Z` -> `at(2026-04-24T08:00:00)`: wall-clock time in Asia/Ho_Chi_Minh, whole seconds. */
export function atExpression(instant: Date): string {
  const wholeSecondsMs = Math.ceil(instant.getTime() / 1000) * 1000;
  return `at(${new Date(wholeSecondsMs + OFFSET_MS).toISOString().slice(0, 19)})`;
}

/**
 * One-time EventBridge Scheduler schedules (an assignment's check outside the send windows, a send
 * window's drain). Upsert is CreateSchedule first: a one-time schedule deletes itself after firing
 * (`ActionAfterCompletion: DELETE`), so the next check of an assignment nearly always finds none and
 * costs ONE API call; a ConflictException means it exists (the check moved before firing, or a
 * concurrent upsert), and UpdateSchedule then sets our definition. Deleting a missing schedule
 * (already fired and auto-deleted, or never created) is success.
 */
export class EventBridgeReminderScheduler implements ReminderScheduler {
  private readonly namePrefix: string;
  private readonly clock: Clock;

  constructor(
    private readonly client: SchedulerClient,
    private readonly options: EventBridgeSchedulerOptions,
  ) {
    this.namePrefix = options.namePrefix ?? CHECK_SCHEDULE_PREFIX;
    this.clock = options.clock ?? systemClock;
  }

  async upsert(assignmentId: string, at: Date, payload: CheckPayload): Promise<void> {
    const input = this.scheduleInput(assignmentId, at, payload);
    const expression = input.ScheduleExpression;
    try {
      await this.client.send(new CreateScheduleCommand(input));
      logger.debug('schedule created', { assignmentId, schedule: input.Name, expression });
      return;
    } catch (error) {
      if (!isError(error, 'ConflictException')) throw error;
    }
    await this.client.send(new UpdateScheduleCommand(input));
    logger.debug('schedule updated', { assignmentId, schedule: input.Name, expression });
  }

  async remove(assignmentId: string): Promise<void> {
    const name = scheduleName(this.namePrefix, assignmentId);
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.options.groupName }));
      logger.debug('schedule deleted', { assignmentId, schedule: name });
    } catch (error) {
      if (!isError(error, 'ResourceNotFoundException')) throw error;
    }
  }

  /** The full definition (UpdateSchedule replaces every field, so create and update send the same). */
  private scheduleInput(assignmentId: string, at: Date, payload: CheckPayload): CreateScheduleCommandInput {
    if (payload.assignmentId !== assignmentId) {
      throw new Error(`payload of assignment ${payload.assignmentId} given for schedule of ${assignmentId}`);
    }
    const earliest = this.clock.now().getTime() + MIN_LEAD_MS;
    const fireAt = at.getTime() < earliest ? new Date(earliest) : at;
    return {
      Name: scheduleName(this.namePrefix, assignmentId),
      GroupName: this.options.groupName,
      Description: `dondoc check of assignment ${assignmentId}`.slice(0, 512),
      ScheduleExpression: atExpression(fireAt),
      ScheduleExpressionTimezone: SCHEDULE_TIMEZONE,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: this.options.targetArn,
        RoleArn: this.options.roleArn,
        Input: JSON.stringify(checkPayloadSchema.parse(payload)),
        RetryPolicy: {
          MaximumRetryAttempts: this.options.maxRetryAttempts ?? 20,
          MaximumEventAgeInSeconds: this.options.maxEventAgeSeconds ?? 86_400,
        },
        DeadLetterConfig: { Arn: this.options.dlqArn },
      },
    };
  }
}

/** By name rather than instanceof, so a second copy of the SDK in a bundle cannot defeat the check. */
function isError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
