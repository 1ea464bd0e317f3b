import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createDynamoClient, toDocumentClient } from '#adapters/dynamodb/client';
import { DynamoDigestQueue } from '#adapters/dynamodb/digest-queue';
import { DynamoLetterStore } from '#adapters/dynamodb/letters';
import { DynamoLinkStore } from '#adapters/dynamodb/links';
import { DynamoDeliveryReceipts } from '#adapters/dynamodb/receipts';
import { DynamoStore } from '#adapters/dynamodb/store';
import { CountingSendMetrics } from '#adapters/metrics/counting-send-metrics';
import { smsInfo } from '#domain/sms';
import type { Clock } from '#ports/clock';
import type { Dependencies, EngineSettings } from '#ports/dependencies';
import { CachingStore } from './caching-store.ts';
import { SimulatedCarrier } from './carrier.ts';
import { LocalEmailSubscriptions } from './email-subscriptions.ts';
import { LocalScheduler } from './local-scheduler.ts';
import { type OutboxMessage, OutboxNotifier } from './outbox.ts';
import { StoreDirectory } from './recipient-directory.ts';
import { MemoryScheduleTable, ScheduleTable, type StoredSchedule } from './schedule-table.ts';

export interface LocalDependenciesOptions {
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  tableName: string;
  clock: Clock;
  settings: EngineSettings;
  /** The outbox folder (`<data>/outbox`); in memory only without it. */
  outboxDir?: string;
  onMessage?: (message: OutboxMessage) => void;
  /**
   * Simulated carrier receipts for every SMS, with this share failing for good (0..1); absent: no
   * receipts (simulate's output stays the messages alone).
   */
  receiptFailureRate?: number;
  /** How long a new email subscription stays pending (see LocalEmailSubscriptions). */
  confirmAfterMs?: number;
  onDeadLetter?: (schedule: StoredSchedule, error: string) => Promise<void>;
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /**
   * Keep units, contacts, directives, policies and calendar overrides in a write-through cache
   * (CachingStore; default true). `false` makes every read a DynamoDB request, as each Lambda
   * invocation does on AWS (what a cost count should see).
   */
  readCache?: boolean;
  /**
   * Keep the local scheduler's schedules in the table (default true: a restart loses none).
   * `false` keeps them in memory only (simulate: a throw-away store, no restart).
   */
  persistSchedules?: boolean;
  /** The key of the send path's link codes (`npm start`: derived from the data folder's secret); random per process without it. */
  linkKey?: string;
}

/** The local composition root's parts: the Dependencies plus the local adapters' own handles. */
export interface LocalDependencies {
  deps: Dependencies;
  scheduler: LocalScheduler;
  outbox: OutboxNotifier;
  /** The send metrics the handlers count (what CloudWatch would show). */
  metrics: CountingSendMetrics;
  /** Present with `receiptFailureRate`. */
  carrier?: SimulatedCarrier;
  subscriptions: LocalEmailSubscriptions;
  clients: { dynamo: ReturnType<typeof createDynamoClient>; streams: DynamoDBStreamsClient };
  /** Sets the dispatcher the scheduler fires (the handler is built from these deps). */
  setTarget(fire: (payload: unknown) => Promise<unknown>): void;
}

/**
 * The local composition root: the same DynamoStore on DynamoDB Local, EventBridge Scheduler
 * replaced by LocalScheduler, SNS by the outbox and LocalEmailSubscriptions, and the clock given
 * (real, or virtual for `simulate` and tests).
 */
export function createLocalDependencies(o: LocalDependenciesOptions): LocalDependencies {
  const dynamo = createDynamoClient({ endpoint: o.endpoint });
  const streams = new DynamoDBStreamsClient({
    endpoint: o.endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = toDocumentClient(dynamo);
  const table = new DynamoStore(doc, o.tableName, { clock: o.clock });
  const store = o.readCache === false ? table : new CachingStore(table);
  const digests = new DynamoDigestQueue(doc, o.tableName, o.clock, { marks: table.marks });
  const metrics = new CountingSendMetrics();
  const linkKey = o.linkKey ?? randomBytes(32).toString('base64url');
  const subscriptions = new LocalEmailSubscriptions({
    doc,
    tableName: o.tableName,
    clock: o.clock,
    topicPrefix: `dondoc-${o.settings.stage}-contact-`,
    ...(o.confirmAfterMs !== undefined ? { confirmAfterMs: o.confirmAfterMs } : {}),
  });
  const carrier =
    o.receiptFailureRate === undefined
      ? undefined
      : new SimulatedCarrier({
          clock: o.clock,
          failureRate: o.receiptFailureRate,
          ...(o.outboxDir ? { dir: join(o.outboxDir, 'receipts') } : {}),
        });
  const outbox = new OutboxNotifier({
    clock: o.clock,
    directory: new StoreDirectory(store),
    confirmedAddresses: (topicArn) => subscriptions.confirmedAddresses(topicArn),
    smsInfo,
    partsPerSecond: o.settings.smsPartsPerSecond,
    ...(o.outboxDir ? { dir: o.outboxDir } : {}),
    ...(o.onMessage ? { onMessage: o.onMessage } : {}),
    ...(carrier && { onSms: (id: string, phone: string) => carrier.sent(id, phone) }),
  });
  let target: ((payload: unknown) => Promise<unknown>) | undefined;
  const scheduler = new LocalScheduler({
    table: o.persistSchedules === false ? new MemoryScheduleTable() : new ScheduleTable(doc, o.tableName),
    clock: o.clock,
    fire: (payload) => {
      if (!target) throw new Error('the local scheduler has no target yet');
      return target(payload);
    },
    ...(o.onDeadLetter ? { onDeadLetter: o.onDeadLetter } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  return {
    deps: {
      store,
      digests,
      scheduler,
      notifier: outbox,
      subscriptions,
      letters: new DynamoLetterStore(doc, o.tableName),
      links: new DynamoLinkStore(doc, o.tableName),
      linkSecret: { key: async () => linkKey },
      receipts: new DynamoDeliveryReceipts(doc, o.tableName),
      clock: o.clock,
      settings: o.settings,
      metrics,
    },
    metrics,
    scheduler,
    outbox,
    ...(carrier && { carrier }),
    subscriptions,
    clients: { dynamo, streams },
    setTarget: (fire) => {
      target = fire;
    },
  };
}
