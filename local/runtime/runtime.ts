import { createHmac } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { formatLocal } from '#domain/local-time';
import { CliError } from '#local/cli';
import { type DynamoDbLocal, JavaMissingError, startDynamoDbLocal } from '#local/dynamodb-local';
import type { Clock } from '#ports/clock';
import { acquireLock, paths, readState, writeState } from './data-folder.ts';
import { DEMO_LETTERHEAD } from './demo.ts';
import { Engine } from './engine.ts';
import { type RunningHttpServer, startHttpServer } from './http-server.ts';
import { Loop } from './loop.ts';
import { type OutboxMessage, outboxLine } from './outbox.ts';
import { type DemoSeeded, realClock, seedDemo } from './seed-demo.ts';
import { fileCheckpoints } from './stream-checkpoint.ts';
import { loadSecret, signToken, verifyToken } from './tokens.ts';
import { isVirtual, type VirtualClock } from './virtual-clock.ts';

export const TABLE_NAME = 'dondoc-local';
/** The demo's provincial office; the default office of a runtime without the demo too. */
export const DEFAULT_OFFICE = 'vp-ubnd';

export interface RuntimeOptions {
  port: number;
  dataDir: string;
  /** Seed the demo on first start. */
  demo: boolean;
  /** A virtual clock for tests (then nothing runs by itself: call `advanceTo`). Default: the wall clock. */
  clock?: VirtualClock;
  host?: string;
  officeUnitId?: string;
  /** How long new email subscriptions stay pending (default 60 s). */
  confirmAfterMs?: number;
  /** Console lines (outbox messages, warnings); default console.log. */
  print?: (line: string) => void;
}

export interface Runtime {
  url: string;
  port: number;
  adminToken: string;
  engine: Engine;
  clock: Clock;
  /** What happened at start (first start, demo seeded, ...). */
  started: { firstStart: boolean; demo?: DemoSeeded };
  /** Steps the virtual clock to `instant`, firing everything due on the way (tests). */
  advanceTo(instant: Date): Promise<void>;
  stop(): Promise<void>;
}

async function assertPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CliError(
              `port ${port} is busy: stop what is using it, or start on another port with --port ${port + 1}`,
            )
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

const localTime = (at: string) => formatLocal(new Date(at));

/**
 * `npm start`: DynamoDB Local on `<data>/db`, the table, the engine (planner on the real stream,
 * local scheduler, outbox, daily sweep), the API on a local HTTP server, and the demo on first start.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const print = options.print ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  const dir = paths(options.dataDir);
  const lock = await acquireLock(options.dataDir);
  const cleanups: (() => Promise<unknown>)[] = [() => lock.release()];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    if (options.port !== 0) await assertPortFree(options.port, host);
    await mkdir(dir.db, { recursive: true });
    let dynamo: DynamoDbLocal;
    try {
      dynamo = await startDynamoDbLocal({ dataDir: dir.db });
    } catch (error) {
      if (error instanceof JavaMissingError) throw new CliError(error.message);
      throw error;
    }
    cleanups.push(() => dynamo.stop());
    const clock = options.clock ?? realClock();
    const secret = await loadSecret(options.dataDir);
    const engine = await Engine.create({
      endpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      clock,
      settings: {
        officeUnitId: options.officeUnitId ?? DEFAULT_OFFICE,
        ...(options.demo && { letterhead: DEMO_LETTERHEAD }),
      },
      outboxDir: dir.outbox,
      // Kept in the data folder, so a message resent after a restart carries the same link.
      linkKey: createHmac('sha256', secret).update('dondoc personal links').digest('base64url'),
      // Every SMS gets a simulated carrier receipt (all delivered): the console's log shows them.
      receiptFailureRate: 0,
      checkpoints: fileCheckpoints(dir.checkpoint),
      ...(options.confirmAfterMs !== undefined ? { confirmAfterMs: options.confirmAfterMs } : {}),
      onMessage: (m: OutboxMessage) => print(outboxLine(m, localTime)),
      onDeadLetter: async (schedule, error) => {
        await mkdir(dir.deadLetter, { recursive: true });
        await writeFile(
          join(dir.deadLetter, `${schedule.name}.json`),
          JSON.stringify({ schedule, error }, null, 2),
        );
      },
      onStreamGiveUp: async (record, error) => {
        await mkdir(dir.deadLetter, { recursive: true });
        await writeFile(
          join(dir.deadLetter, `stream-${record.dynamodb?.SequenceNumber}.json`),
          JSON.stringify({ record, error }, null, 2),
        );
      },
      log: (message, detail) => print(`! ${message}${detail ? ` ${JSON.stringify(detail)}` : ''}`),
    });
    const firstStart = engine.tableCreated;
    let demo: DemoSeeded | undefined;
    if (firstStart && options.demo) {
      demo = await seedDemo(engine);
      await writeState(options.dataDir, {
        ...(await readState(options.dataDir)),
        demoSeededAt: clock.now().toISOString(),
      });
    }
    const server: RunningHttpServer = await startHttpServer({
      port: options.port,
      host,
      clock,
      handler: engine.handlers.api,
      verify: (token) => verifyToken(secret, token),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new CliError(`port ${options.port} is busy: stop what is using it, or pass --port N`);
      throw error;
    });
    cleanups.push(() => server.close());
    // Personal links point at the local console, known once the server has its port.
    engine.local.deps.settings.linkBase = server.url;
    await lock.update({ apiUrl: server.url, dynamoEndpoint: dynamo.endpoint });

    // The planner catches up with the stream, then the sweep runs once (as at 07:30).
    await engine.poller.drain();
    await engine.sweep();
    if (!isVirtual(clock)) {
      engine.poller.start(250);
      engine.local.scheduler.start(1000);
      const receipts = new Loop(
        () => engine.deliverReceipts(),
        (error) => print(`! receipts failed: ${(error as Error).message}`),
      );
      receipts.start(1000);
      cleanups.push(
        () => engine.poller.stop(),
        () => engine.local.scheduler.stop(),
        async () => receipts.stop(),
      );
      // The two crons of AWS, at the same local times: the daily sweep and the window tick.
      cleanups.push(
        daily(
          'sweep',
          () => engine.nextSweep(),
          () => engine.sweepIfDue(),
          print,
        ),
        daily(
          'window tick',
          async () => engine.nextTick(),
          () => engine.tickIfDue(),
          print,
        ),
      );
    }
    const adminToken = await signToken(secret, { role: 'admin', name: 'Quản trị (local)' });
    return {
      url: server.url,
      port: server.port,
      adminToken,
      engine,
      clock,
      started: { firstStart, ...(demo ? { demo } : {}) },
      advanceTo: (instant) => engine.runUntil(instant),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Runs `run` at each time `next` gives (checked at least hourly); returns the cleanup that stops it. */
function daily(
  name: string,
  next: () => Promise<Date>,
  run: () => Promise<boolean>,
  print: (line: string) => void,
): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const plan = async () => {
    const wait = Math.min(Math.max((await next()).getTime() - Date.now(), 0), 3_600_000);
    timer = setTimeout(() => {
      run()
        .catch((error: unknown) => print(`! ${name} failed: ${(error as Error).message}`))
        .finally(() => void plan());
    }, wait);
  };
  void plan();
  return async () => clearTimeout(timer);
}
