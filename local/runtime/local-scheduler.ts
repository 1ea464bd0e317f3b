import { randomUUID } from 'node:crypto';
import { CHECK_SCHEDULE_PREFIX, scheduleName } from '#adapters/aws-names';
import type { Clock } from '#ports/clock';
import type { CheckPayload, ReminderScheduler } from '#ports/reminder-scheduler';
import { Loop } from './loop.ts';
import type { ScheduleStorage, StoredSchedule } from './schedule-table.ts';

export interface LocalSchedulerOptions {
  table: ScheduleStorage;
  clock: Clock;
  /** The target: the dispatcher handler, called with the schedule's input. */
  fire: (payload: unknown) => Promise<unknown>;
  /** Deliveries before a schedule goes to the dead-letter place (the retry policy's attempts + 1). */
  maxAttempts?: number;
  /** First retry delay; doubles each time, capped at 5 minutes. */
  retryBaseMs?: number;
  /** Schedules fired at the same time (default 4; 1 fires them one after the other). */
  concurrency?: number;
  /** The dead-letter queue: a schedule whose target kept failing. */
  onDeadLetter?: (schedule: StoredSchedule, error: string) => Promise<void>;
  log?: (message: string, detail?: Record<string, unknown>) => void;
}

/**
 * EventBridge Scheduler on one machine, behind the same port: one-time schedules kept in the
 * table (a restart loses none), a tick fires the due ones into the dispatcher with the exact
 * input, deletes each after a successful delivery (ActionAfterCompletion DELETE) and retries a
 * failed one with exponential backoff. The table is the truth; memory holds an index of it.
 */
export class LocalScheduler implements ReminderScheduler {
  readonly #o: Required<Omit<LocalSchedulerOptions, 'onDeadLetter' | 'log'>> & LocalSchedulerOptions;
  readonly #schedules = new Map<string, StoredSchedule>();
  readonly #loop = new Loop(
    () => this.fireDue(),
    (error) => this.#o.log?.('scheduler: tick failed', { error: (error as Error).message }),
  );
  #firing: Promise<number> | undefined;

  constructor(options: LocalSchedulerOptions) {
    this.#o = { maxAttempts: 10, retryBaseMs: 1000, concurrency: 4, ...options };
  }

  /** Loads the schedules kept in the table (call once before use). */
  async load(): Promise<void> {
    this.#schedules.clear();
    for (const schedule of await this.#o.table.list()) this.#schedules.set(schedule.name, schedule);
  }

  async upsert(assignmentId: string, at: Date, payload: CheckPayload): Promise<void> {
    const schedule: StoredSchedule = {
      name: scheduleName(CHECK_SCHEDULE_PREFIX, assignmentId),
      fireAt: at.toISOString(),
      payload,
      revision: randomUUID(),
      attempts: 0,
    };
    await this.#o.table.put(schedule);
    this.#schedules.set(schedule.name, schedule);
  }

  async remove(assignmentId: string): Promise<void> {
    const name = scheduleName(CHECK_SCHEDULE_PREFIX, assignmentId);
    await this.#o.table.delete(name);
    this.#schedules.delete(name);
  }

  /** Pending schedules, soonest first. */
  pending(): StoredSchedule[] {
    return [...this.#schedules.values()].sort((a, b) => dueAt(a) - dueAt(b) || a.name.localeCompare(b.name));
  }

  /** When the next schedule (or retry) is due. */
  nextFireAt(): Date | undefined {
    let next: number | undefined;
    for (const schedule of this.#schedules.values())
      next = Math.min(next ?? Number.POSITIVE_INFINITY, dueAt(schedule));
    return next === undefined ? undefined : new Date(next);
  }

  /** Fires every schedule due at the clock's now, in order; returns how many were delivered. */
  fireDue(): Promise<number> {
    this.#firing ??= this.#fireDue().finally(() => {
      this.#firing = undefined;
    });
    return this.#firing;
  }

  /**
   * Fires the schedules due now, up to `concurrency` at a time (EventBridge Scheduler invokes its
   * targets in parallel; the dispatcher is built for concurrent fires), started soonest first.
   */
  async #fireDue(): Promise<number> {
    const now = this.#o.clock.now().getTime();
    const due = this.pending().filter((schedule) => dueAt(schedule) <= now);
    const worker = async () => {
      for (let schedule = due.shift(); schedule; schedule = due.shift()) await this.#fire(schedule);
    };
    const fired = due.length;
    await Promise.all(Array.from({ length: Math.min(this.#o.concurrency, due.length) }, worker));
    return fired;
  }

  async #fire(schedule: StoredSchedule): Promise<void> {
    try {
      await this.#o.fire(structuredClone(schedule.payload));
    } catch (error) {
      await this.#failed(schedule, (error as Error).message);
      return;
    }
    // Deletes only what was fired: the target may already have moved the schedule.
    if (await this.#o.table.delete(schedule.name, schedule.revision)) {
      if (this.#schedules.get(schedule.name)?.revision === schedule.revision)
        this.#schedules.delete(schedule.name);
    }
  }

  async #failed(schedule: StoredSchedule, reason: string): Promise<void> {
    if (this.#schedules.get(schedule.name)?.revision !== schedule.revision) return; // moved meanwhile
    const attempts = schedule.attempts + 1;
    if (attempts >= this.#o.maxAttempts) {
      this.#o.log?.('scheduler: target kept failing, schedule sent to the dead-letter folder', {
        schedule: schedule.name,
        reason,
      });
      await this.#o.onDeadLetter?.(schedule, reason);
      if (await this.#o.table.delete(schedule.name, schedule.revision)) this.#schedules.delete(schedule.name);
      return;
    }
    const delay = Math.min(this.#o.retryBaseMs * 2 ** (attempts - 1), 5 * 60_000);
    const retry: StoredSchedule = {
      ...schedule,
      attempts,
      nextAttemptAt: new Date(this.#o.clock.now().getTime() + delay).toISOString(),
    };
    this.#o.log?.('scheduler: target failed, will retry', {
      schedule: schedule.name,
      attempt: attempts,
      reason,
    });
    await this.#o.table.put(retry);
    this.#schedules.set(retry.name, retry);
  }

  /** Ticks every `intervalMs` (real time) until `stop()`. */
  start(intervalMs = 1000): void {
    this.#loop.start(intervalMs);
  }

  async stop(): Promise<void> {
    this.#loop.stop();
    await this.#firing?.catch(() => undefined);
  }
}

function dueAt(schedule: StoredSchedule): number {
  return Math.max(
    Date.parse(schedule.fireAt),
    schedule.nextAttemptAt ? Date.parse(schedule.nextAttemptAt) : 0,
  );
}
