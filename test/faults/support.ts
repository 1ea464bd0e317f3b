import { CreateScheduleCommand, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { Dependencies } from '#ports/dependencies';
import type { Assignment, Contact, Unit } from '#schemas/entities';
import { createHandler } from '../../functions/scheduler/dispatcher.ts';
import { assignment, contact, type Engine, lambdaContext, unit } from '../integration/engine/harness.ts';

export { assignment, createEngine, type Engine, seedProvince } from '../integration/engine/harness.ts';

/** The dispatcher Lambda handler (middy stack and all) on the given dependencies. */
export function dispatcher(deps: Dependencies) {
  const handler = createHandler(deps);
  return (payload: unknown) => handler(payload, lambdaContext);
}

/** Runs `tasks` with at most `limit` in flight (DynamoDB Local on a busy machine stays responsive). */
export async function inPool<T>(
  tasks: (() => Promise<T>)[],
  limit: number,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await (tasks[i] as () => Promise<T>)() };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Ids of the digests the engine created. */
export function digestIds(e: Engine): string[] {
  return e.deps.digests.ids();
}

/** When the last create or update of the named schedule asked it to fire (its `at(...)`, local time). */
function fireTime(e: Engine, name: string): number {
  const calls = [
    ...e.scheduler.mock.commandCalls(CreateScheduleCommand),
    ...e.scheduler.mock.commandCalls(UpdateScheduleCommand),
  ].filter((c) => c.args[0].input.Name === name);
  const at = /^at\((.+)\)$/.exec(calls.at(-1)?.args[0].input.ScheduleExpression ?? '')?.[1];
  return at ? Date.parse(`${at}+07:00`) : 0;
}

/**
 * Fires the window drains as EventBridge Scheduler would: each pending `check-window.*` schedule
 * is delivered at its time (10 s late) and deleted (ActionAfterCompletion DELETE); a drain that
 * stops early schedules its resume, which a later round fires. Returns the rounds it took.
 */
export async function fireWindows(e: Engine, fire: (payload: unknown) => Promise<unknown>, maxRounds = 40) {
  for (let round = 0; round < maxRounds; round++) {
    const due = [...e.scheduler.names].filter((n) => n.startsWith('check-window.'));
    if (due.length === 0) return round;
    for (const name of due) {
      e.clock.set(new Date(Math.max(e.clock.now().getTime(), fireTime(e, name) + 10_000)).toISOString());
      e.scheduler.names.delete(name);
      await fire({ v: 1, assignmentId: name.slice('check-'.length), planVersion: 0 }).catch(() => undefined);
    }
  }
  return maxRounds;
}

/** Phones of the SNS Publish calls the mock answered, with how many each got. */
export function publishesPerPhone(e: Engine): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of e.sns.commandCalls(PublishCommand)) {
    const phone = call.args[0].input.PhoneNumber ?? call.args[0].input.TopicArn ?? '?';
    counts.set(phone, (counts.get(phone) ?? 0) + 1);
  }
  return counts;
}

/** `count` more departments under the office, each with a head (unique phone) and one open assignment due now. */
export async function departmentsDueNow(e: Engine, count: number, nextCheckAt: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const unitId = `so-${String(i).padStart(2, '0')}`;
    const phone = `+8491${String(2_000_000 + i).padStart(7, '0')}`;
    const u: Unit = unit(unitId, `Sở số ${i}`, 'ubnd-tinh');
    const head: Contact = { ...contact(unitId, `gd${i}`, 'head', phone), channels: ['sms'] };
    const a: Assignment = { ...assignment(`a-${unitId}`), unitId, nextCheckAt };
    await e.deps.store.write([
      { op: 'put', entity: { kind: 'unit', value: u } },
      { op: 'put', entity: { kind: 'contact', value: head } },
      { op: 'put', entity: { kind: 'assignment', value: a } },
    ]);
    ids.push(a.id);
  }
  return ids;
}

/** Every reminder-log record of the assignments. */
export async function logOf(e: Engine, ids: string[]) {
  const records = [];
  for (const id of ids) records.push(...(await e.deps.store.listReminders(id, { limit: 200 })).items);
  return records;
}

/** Deps whose `part.method` never returns once `when(args)` matches: the process died there. */
export function dieAt(
  deps: Dependencies,
  part: 'store' | 'notifier' | 'digests',
  method: string,
  when: (args: unknown[]) => boolean,
): { deps: Dependencies; died: () => boolean } {
  let died = false;
  const target = Object.create(deps[part]) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = (deps[part] as unknown as typeof target)[method] as (
    ...args: unknown[]
  ) => Promise<unknown>;
  target[method] = (...args: unknown[]) => {
    if (died || when(args)) {
      died = true;
      return new Promise(() => {});
    }
    return original.apply(deps[part], args);
  };
  return { deps: { ...deps, [part]: target }, died: () => died };
}
