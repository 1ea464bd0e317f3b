import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ensureTable } from '#adapters/dynamodb/create-table';
import { isLocalItemKey } from '#adapters/dynamodb/keys';
import { DEFAULT_SMS_PARTS_PER_SECOND } from '#config/env';
import type { Clock } from '#ports/clock';
import type { EngineSettings } from '#ports/dependencies';
import { DISPATCHER_TIMEOUT_SECONDS } from '#usecases/engine/window';
import { nextSweepAt, nextTickAt, sweepEvent, tickEvent } from './daily-sweep.ts';
import { createHandlers, type Handlers } from './handlers.ts';
import { lambdaContext, normalizeResult } from './http-server.ts';
import {
  createLocalDependencies,
  type LocalDependencies,
  type LocalDependenciesOptions,
} from './local-deps.ts';
import { countRequests } from './request-counter.ts';
import { type CheckpointStore, memoryCheckpoints } from './stream-checkpoint.ts';
import { StreamPoller } from './stream-poller.ts';
import { isVirtual, type VirtualClock } from './virtual-clock.ts';

export interface EngineOptions extends Omit<LocalDependenciesOptions, 'settings'> {
  settings?: Partial<EngineSettings>;
  checkpoints?: CheckpointStore;
  onStreamGiveUp?: (record: DynamoDBRecord, error: string) => Promise<void>;
}

/** An API call made in-process (seed, simulate's events), answered by the same handler. */
export interface ApiCall {
  method: string;
  path: string;
  body?: unknown;
  claims: Record<string, string>;
}

export const adminClaims = (): Record<string, string> => ({
  sub: 'local-admin',
  'cognito:groups': '[admin]',
});
export const unitHeadClaims = (unitId: string): Record<string, string> => ({
  sub: `local-head-${unitId}`,
  'cognito:groups': '[unit-head]',
  'custom:unitId': unitId,
});

const WRITE_OPERATIONS = [
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
];

/** Items the runtime keeps for itself; like an event filter, the planner never sees them. */
const isEngineRecord = (record: DynamoDBRecord) => !isLocalItemKey(record.dynamodb?.Keys?.PK?.S);

/**
 * The whole engine on DynamoDB Local: the four handlers built with the local dependencies, the
 * stream poller feeding the planner and the local scheduler firing the dispatcher. `settle()`
 * runs everything that is due now to rest; `runUntil()` steps a virtual clock through time.
 */
export class Engine {
  readonly poller: StreamPoller;
  #nextSweep: Date | undefined;
  #nextTick: Date | undefined;

  private constructor(
    readonly local: LocalDependencies,
    readonly handlers: Handlers,
    readonly tableCreated: boolean,
    options: EngineOptions,
  ) {
    const writes = countRequests(local.clients.dynamo);
    this.poller = new StreamPoller({
      dynamo: local.clients.dynamo,
      streams: local.clients.streams,
      tableName: options.tableName,
      handler: (event) => handlers.planner(event, lambdaContext('planner')),
      checkpoints: options.checkpoints ?? memoryCheckpoints(),
      // A table dondoc just created has nothing to skip; one found without a checkpoint has a past we do not replay.
      initial: tableCreated ? 'TRIM_HORIZON' : 'LATEST',
      filter: isEngineRecord,
      // Every writer of the table is this process, through this client: no write, no new record.
      writes: () => writes.total(WRITE_OPERATIONS),
      ...(options.onStreamGiveUp ? { onGiveUp: options.onStreamGiveUp } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const settings: EngineSettings = {
      stage: 'local',
      officeUnitId: 'van-phong-ubnd',
      lang: 'vi',
      sweepGraceMinutes: 30,
      smsPartsPerSecond: DEFAULT_SMS_PARTS_PER_SECOND,
      ...options.settings,
    };
    const local = createLocalDependencies({ ...options, settings });
    const created = !(await tableExists(local, options.tableName));
    await ensureTable(local.clients.dynamo, options.tableName);
    const handlers = createHandlers(local.deps);
    local.setTarget((payload) => handlers.dispatcher(payload, dispatcherContext(options.clock)));
    await local.scheduler.load();
    const engine = new Engine(local, handlers, created, options);
    await engine.poller.init();
    return engine;
  }

  get clock(): Clock {
    return this.local.deps.clock;
  }

  get store() {
    return this.local.deps.store;
  }

  /** Calls the API handler with an API Gateway v2 event; returns status and parsed body. */
  async api(call: ApiCall): Promise<{ status: number; body: unknown }> {
    const { toApiGatewayEvent } = await import('./http-server.ts');
    const event = toApiGatewayEvent({
      method: call.method,
      url: new URL(call.path, 'http://localhost'),
      headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
      body: Buffer.from(call.body === undefined ? '' : JSON.stringify(call.body)),
      claims: call.claims,
      sourceIp: '127.0.0.1',
      now: this.clock.now(),
    });
    const result = normalizeResult(await this.handlers.api(event, lambdaContext('api')));
    let body: unknown = result.body;
    try {
      body = result.body ? JSON.parse(result.body) : undefined;
    } catch {
      // not JSON (csv): keep the text
    }
    return { status: result.statusCode ?? 200, body };
  }

  /** Runs the daily sweep now (what the 07:30 cron does). */
  async sweep(): Promise<void> {
    await this.handlers.sweeper(sweepEvent(), lambdaContext('sweeper'));
  }

  /** The next daily sweep after now. */
  async nextSweep(): Promise<Date> {
    this.#nextSweep ??= nextSweepAt(this.clock.now());
    return this.#nextSweep;
  }

  /** Runs the daily sweep if its time has come, and plans the next one. */
  async sweepIfDue(): Promise<boolean> {
    const due = await this.nextSweep();
    if (due.getTime() > this.clock.now().getTime()) return false;
    await this.sweep();
    this.#nextSweep = nextSweepAt(this.clock.now());
    return true;
  }

  /** Runs a window tick now (what the 08:00 cron does): due checks dispatched, the window drained. */
  async tick(): Promise<void> {
    await this.handlers.dispatcher(tickEvent(), dispatcherContext(this.clock));
  }

  /** The next window tick after now. */
  nextTick(): Date {
    this.#nextTick ??= nextTickAt(this.clock.now());
    return this.#nextTick;
  }

  /** Runs the window tick if its time has come, and plans the next one. */
  async tickIfDue(): Promise<boolean> {
    if (this.nextTick().getTime() > this.clock.now().getTime()) return false;
    await this.tick();
    this.#nextTick = nextTickAt(this.clock.now());
    return true;
  }

  /** Hands the simulated carrier's receipts of the SMS sent so far to the receipts handler. */
  async deliverReceipts(): Promise<void> {
    const receipts = await this.local.carrier?.drain();
    if (receipts) await this.handlers.receipts(receipts, lambdaContext('receipts'));
  }

  /**
   * Brings the engine to rest at the clock's now: the planner handles every stream record, then
   * due schedules fire, and again, until nothing moves (the planner always runs before time moves on).
   */
  async settle(maxRounds = 100): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await this.poller.drain();
      await this.deliverReceipts();
      if ((await this.local.scheduler.fireDue()) === 0 && !this.local.carrier?.pending) return;
    }
    throw new Error(
      `the engine did not settle at ${this.clock.now().toISOString()} (a schedule keeps firing?)`,
    );
  }

  /**
   * Steps a virtual clock to `to`: each step goes to the next of (the next schedule to fire, the
   * next scripted event, the next daily sweep), applies what is due there and settles.
   */
  async runUntil(
    to: Date,
    options: { events?: { at: Date; apply: () => Promise<void> }[]; onStep?: (now: Date) => void } = {},
  ): Promise<void> {
    const clock = this.clock;
    if (!isVirtual(clock)) throw new Error('runUntil needs a virtual clock');
    const events = [...(options.events ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
    await this.settle();
    for (;;) {
      const candidates = [
        this.local.scheduler.nextFireAt(),
        events[0]?.at,
        await this.nextSweep(),
        this.nextTick(),
      ].filter((d): d is Date => d !== undefined);
      const next = new Date(Math.min(...candidates.map((d) => d.getTime())));
      if (candidates.length === 0 || next.getTime() > to.getTime()) break;
      (clock as VirtualClock).advanceTo(next);
      const now = clock.now().getTime();
      while (events[0] && events[0].at.getTime() <= now) await events.shift()?.apply();
      await this.settle();
      if (await this.sweepIfDue()) await this.settle();
      if (await this.tickIfDue()) await this.settle();
      options.onStep?.(clock.now());
    }
    (clock as VirtualClock).advanceTo(to);
    await this.settle();
  }
}

/**
 * The dispatcher's context: the AWS timeout on the wall clock. On a virtual clock real time says
 * nothing about the invocation (a busy machine may take minutes for what Lambda does in seconds), so
 * middy's real-time guard gets a day; the drain still stops within DISPATCHER_TIMEOUT_SECONDS of
 * virtual time.
 */
function dispatcherContext(clock: Clock) {
  return lambdaContext('dispatcher', isVirtual(clock) ? 86_400_000 : DISPATCHER_TIMEOUT_SECONDS * 1000);
}

async function tableExists(local: LocalDependencies, tableName: string): Promise<boolean> {
  try {
    await local.clients.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
