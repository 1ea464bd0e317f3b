import { AsyncLocalStorage } from 'node:async_hooks';
import { CHECK_SCHEDULE_PREFIX, scheduleName } from '#adapters/aws-names';
import type { Engine } from '#local/runtime/engine';
import type { ClaimResult } from '#ports/digest-queue';
import type { Assignment, Reminder } from '#schemas/entities';

/** Where a request comes from: a Lambda handler's own code, or a local stand-in for an AWS service. */
interface Scope {
  fn: 'api' | 'planner' | 'dispatcher' | 'sweeper';
  /**
   * The sweeper's email-subscription refresh has begun (its last step, the one that lists the
   * contacts by email status): its requests are counted apart, as `emailRefresh`, so the send path's figure and the
   * refresh's add up to the total.
   */
  emailRefresh?: boolean;
  /** Inside a local adapter (scheduler, outbox, email subscriptions): not DynamoDB on AWS. */
  local?: boolean;
  /** Reminder-log records this dispatcher invocation claimed for sending, waiting for its publish. */
  claimed: Reminder[];
  /** DynamoDB requests of this invocation, and whether one of them wrote. */
  requests: number;
  wrote: boolean;
}

export type RequestKind = 'reads' | 'writes' | 'transactions' | 'other';
type Counted = Scope['fn'] | 'emailRefresh';

const KIND: Record<string, RequestKind> = {
  GetItem: 'reads',
  BatchGetItem: 'reads',
  Query: 'reads',
  Scan: 'reads',
  PutItem: 'writes',
  UpdateItem: 'writes',
  DeleteItem: 'writes',
  BatchWriteItem: 'writes',
  TransactWriteItems: 'transactions',
  TransactGetItems: 'transactions',
};

/** What the engine asked of each AWS service during a simulation. */
export interface Counts {
  /** DynamoDB requests made by the four functions' code, per function and kind (the sweeper's email refresh apart). */
  dynamodb: Record<Counted, Record<RequestKind, number>>;
  /** The same requests per function and operation (`GetItem`, `Query`, `TransactWriteItems`, …). */
  operations: Record<Counted, Record<string, number>>;
  /** DynamoDB requests of the local runtime's own stand-ins (schedule table, outbox, stream poller): not on AWS. */
  localOnly: number;
  /**
   * Invocations that only read (a tick or sweep with nothing due, an email refresh with nothing
   * new) and their requests: the fixed daily cost, which does not grow with the reminders sent.
   */
  idle: { invocations: number; requests: number };
  /**
   * Scheduler port calls, and the EventBridge Scheduler API calls they cost (what AWS throttles):
   * an upsert is CreateSchedule, plus UpdateSchedule when the schedule exists; a remove is DeleteSchedule.
   */
  scheduler: { upserts: number; removes: number; apiCalls: number };
  sns: {
    publishes: number;
    smsPublishes: number;
    emailPublishes: number;
    failedPublishes: number;
    other: number;
  };
  /** Successful publishes per reminder item (assignment + reminder-log key): > 1 is a duplicate send. */
  sends: Map<string, number>;
  /** Every reminder item sent, with the instant it went and its assignment then (for the SMS comparison). */
  sent: { record: Reminder; at: Date; assignment: Assignment | undefined }[];
}

const emptyKinds = (): Record<RequestKind, number> => ({ reads: 0, writes: 0, transactions: 0, other: 0 });

/**
 * Counts on a running local engine without changing it: a middleware on its DynamoDB client (shared
 * by the DocumentClient) classifies every request by the function whose invocation made it
 * (AsyncLocalStorage around each handler call), the Scheduler and Notifier ports are counted at the
 * port, and each reminder item is followed from its log-record claim to the publish that carried it.
 */
export function instrument(engine: Engine): Counts {
  const als = new AsyncLocalStorage<Scope>();
  const counts: Counts = {
    dynamodb: {
      api: emptyKinds(),
      planner: emptyKinds(),
      dispatcher: emptyKinds(),
      sweeper: emptyKinds(),
      emailRefresh: emptyKinds(),
    },
    operations: { api: {}, planner: {}, dispatcher: {}, sweeper: {}, emailRefresh: {} },
    localOnly: 0,
    idle: { invocations: 0, requests: 0 },
    scheduler: { upserts: 0, removes: 0, apiCalls: 0 },
    sns: { publishes: 0, smsPublishes: 0, emailPublishes: 0, failedPublishes: 0, other: 0 },
    sends: new Map(),
    sent: [],
  };
  countDynamoDb(engine, als, counts);
  wrapHandlers(engine, als, counts);
  wrapPorts(engine, als, counts);
  return counts;
}

function countDynamoDb(engine: Engine, als: AsyncLocalStorage<Scope>, counts: Counts): void {
  const stack = engine.local.clients.dynamo.middlewareStack as unknown as {
    add(middleware: unknown, options: { step: 'initialize'; name: string }): void;
  };
  stack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: unknown) => {
        const scope = als.getStore();
        if (!scope || scope.local) counts.localOnly++;
        else {
          const operation = String(context.commandName ?? '').replace(/Command$/, '');
          const fn: Counted = scope.emailRefresh ? 'emailRefresh' : scope.fn;
          const kind = KIND[operation] ?? 'other';
          counts.dynamodb[fn][kind]++;
          scope.requests++;
          if (kind !== 'reads') scope.wrote = true;
          const byOperation = counts.operations[fn];
          byOperation[operation] = (byOperation[operation] ?? 0) + 1;
        }
        return next(args);
      },
    { step: 'initialize', name: 'benchCounter' },
  );
}

function wrapHandlers(engine: Engine, als: AsyncLocalStorage<Scope>, counts: Counts): void {
  const handlers = engine.handlers as unknown as Record<
    Scope['fn'],
    (e: unknown, c: unknown) => Promise<unknown>
  >;
  for (const fn of ['api', 'planner', 'dispatcher', 'sweeper'] as const) {
    const original = handlers[fn];
    handlers[fn] = async (event, context) => {
      const scope: Scope = { fn, claimed: [], requests: 0, wrote: false };
      try {
        return await als.run(scope, () => original(event, context));
      } finally {
        if (!scope.wrote && scope.requests > 0) {
          counts.idle.invocations++;
          counts.idle.requests += scope.requests;
        }
      }
    };
  }
}

/** Replaces `object[name]` by `wrap(original)` on the instance (the handlers hold the same object). */
function around<T extends object>(
  object: T,
  name: string,
  wrap: (original: (...args: unknown[]) => Promise<unknown>) => (...args: unknown[]) => Promise<unknown>,
): void {
  const target = object as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = target[name]?.bind(object);
  if (!original) throw new Error(`cannot instrument ${name}: no such method`);
  target[name] = wrap(original);
}

function wrapPorts(engine: Engine, als: AsyncLocalStorage<Scope>, counts: Counts): void {
  const local =
    (original: (...args: unknown[]) => Promise<unknown>) =>
    (...args: unknown[]) => {
      const scope = als.getStore();
      return scope ? als.run({ ...scope, local: true }, () => original(...args)) : original(...args);
    };
  const { scheduler, outbox, subscriptions } = engine.local;
  around(scheduler, 'upsert', (original) => (...args) => {
    counts.scheduler.upserts++;
    const name = scheduleName(CHECK_SCHEDULE_PREFIX, args[0] as string);
    counts.scheduler.apiCalls += scheduler.pending().some((s) => s.name === name) ? 2 : 1;
    return local(original)(...args);
  });
  around(scheduler, 'remove', (original) => (...args) => {
    counts.scheduler.removes++;
    counts.scheduler.apiCalls++;
    return local(original)(...args);
  });
  for (const name of ['ensureTopic', 'deleteTopic', 'subscribe', 'unsubscribe', 'statuses']) {
    around(subscriptions, name, (original) => (...args) => {
      counts.sns.other++;
      return local(original)(...args);
    });
  }
  around(engine.store, 'listEmailContacts', (original) => (...args) => {
    const scope = als.getStore();
    if (scope?.fn === 'sweeper') scope.emailRefresh = true;
    return original(...args);
  });
  around(engine.local.deps.digests, 'claimItems', (original) => async (...args) => {
    const result = (await original(...args)) as ClaimResult;
    for (const record of result.won) if (record.outcome === 'pending') als.getStore()?.claimed.push(record);
    return result;
  });
  for (const channel of ['sms', 'email'] as const) {
    around(outbox, channel === 'sms' ? 'sendSms' : 'sendEmail', (original) => async (...args) => {
      counts.sns.publishes++;
      counts.sns[channel === 'sms' ? 'smsPublishes' : 'emailPublishes']++;
      let result: unknown;
      try {
        result = await local(original)(...args);
      } catch (error) {
        counts.sns.failedPublishes++;
        throw error;
      }
      const scope = als.getStore();
      const at = engine.clock.now();
      for (const record of scope?.claimed.splice(0) ?? []) {
        const key = `${record.assignmentId}|${record.key}`;
        counts.sends.set(key, (counts.sends.get(key) ?? 0) + 1);
        const local = { fn: scope?.fn ?? 'dispatcher', local: true, claimed: [], requests: 0, wrote: false };
        const assignment = await als.run(local, () => engine.store.getAssignment(record.assignmentId));
        counts.sent.push({ record, at, assignment });
      }
      return result;
    });
  }
}

export function duplicateSends(counts: Counts): number {
  let duplicates = 0;
  for (const n of counts.sends.values()) duplicates += n - 1;
  return duplicates;
}
