import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDigestQueue } from '#adapters/dynamodb/digest-queue';
import { DynamoLetterStore } from '#adapters/dynamodb/letters';
import { DynamoLinkStore } from '#adapters/dynamodb/links';
import { DynamoDeliveryReceipts } from '#adapters/dynamodb/receipts';
import { DynamoStore } from '#adapters/dynamodb/store';
import { CountingSendMetrics } from '#adapters/metrics/counting-send-metrics';
import { EventBridgeReminderScheduler } from '#adapters/scheduler/eventbridge-scheduler';
import { SnsNotifier } from '#adapters/sns/sns-notifier';
import type { Clock } from '#ports/clock';
import type { Dependencies } from '#ports/dependencies';
import type { AddResult, DigestEntry, DigestRef } from '#ports/digest-queue';
import type { EmailSubscriptions, SubscriptionStatus, TopicOwner } from '#ports/notifier';
import type { Assignment, Contact, Unit } from '#schemas/entities';
import { createTestTable, type TestTable } from '#test/support/table';

export const SCHEDULER = {
  groupName: 'dondoc-test',
  targetArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:dondoc-test-dispatcher',
  roleArn: 'arn:aws:iam::123456789012:role/dondoc-test-scheduler',
  dlqArn: 'arn:aws:sqs:ap-southeast-1:123456789012:dondoc-test-scheduler-dlq',
};
/** The own email topic of the head `gd` of `so-noi-vu`. */
export const TOPIC = 'arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-contact-so-noi-vu-gd';
export const HEAD_PHONE = '+84912345678';
export const FOCAL_PHONE = '+84987654321';
export const OFFICE_PHONE = '+84911111111';

/** The digest queue on the test table, remembering the id of every digest it created (tests fire them). */
export class RecordingDigestQueue extends DynamoDigestQueue {
  readonly created = new Set<string>();

  override async add(ref: DigestRef, entry: DigestEntry, hold?: boolean): Promise<AddResult> {
    const result = await super.add(ref, entry, hold);
    if (result === 'created') this.created.add(ref.id);
    return result;
  }

  /** Ids of the digests created so far, sorted. */
  ids(): string[] {
    return [...this.created].sort();
  }
}

/** A clock the test moves; the SMS pacing's waits move it too (no real time passes). */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  async sleep(ms: number): Promise<void> {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** EventBridge Scheduler's observable behaviour on names: update needs it, create refuses a duplicate, delete needs it. */
export function mockScheduler() {
  const mock = mockClient(SchedulerClient);
  const names = new Set<string>();
  const notFound = () =>
    new ResourceNotFoundException({
      message: 'Schedule not found',
      Message: 'Schedule not found',
      $metadata: {},
    });
  mock.on(UpdateScheduleCommand).callsFake((input) => {
    if (!names.has(input.Name)) throw notFound();
    return { ScheduleArn: `arn:schedule/${input.Name}` };
  });
  mock.on(CreateScheduleCommand).callsFake((input) => {
    if (names.has(input.Name))
      throw new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} });
    names.add(input.Name);
    return { ScheduleArn: `arn:schedule/${input.Name}` };
  });
  mock.on(DeleteScheduleCommand).callsFake((input) => {
    if (!names.delete(input.Name)) throw notFound();
    return {};
  });
  return { mock, names };
}

export function mockSns() {
  const mock = mockClient(SNSClient);
  let n = 0;
  mock.on(PublishCommand).callsFake(async () => ({ MessageId: `msg-${++n}` }));
  return mock;
}

/** Email subscriptions as SNS would report them, per topic. */
export class FakeSubscriptions implements EmailSubscriptions {
  readonly topics = new Map<string, Map<string, { status: SubscriptionStatus; subscriptionArn?: string }>>();
  readonly deleted: string[] = [];
  async ensureTopic(owner: TopicOwner) {
    return `arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-contact-${owner.unitId}-${owner.contactId}`;
  }
  async deleteTopic(topicArn: string) {
    this.deleted.push(topicArn);
    this.topics.delete(topicArn);
  }
  async subscribe() {
    return 'pending confirmation';
  }
  async unsubscribe() {}
  async statuses(topicArn: string) {
    return this.topics.get(topicArn) ?? new Map();
  }
}

export interface Engine {
  table: TestTable;
  deps: Dependencies & { digests: RecordingDigestQueue; metrics: CountingSendMetrics };
  clock: TestClock;
  scheduler: ReturnType<typeof mockScheduler>;
  sns: ReturnType<typeof mockSns>;
  subscriptions: FakeSubscriptions;
}

export async function createEngine(prefix: string, now: string): Promise<Engine> {
  const table = await createTestTable(prefix);
  const clock = new TestClock(new Date(now));
  const scheduler = mockScheduler();
  const sns = mockSns();
  const subscriptions = new FakeSubscriptions();
  const deps = {
    // The engine's clock also dates the due marks the store writes (what a tick reads).
    store: new DynamoStore(table.doc, table.tableName, { clock }),
    scheduler: new EventBridgeReminderScheduler(new SchedulerClient({ region: 'ap-southeast-1' }), {
      ...SCHEDULER,
      clock,
    }),
    notifier: new SnsNotifier(new SNSClient({ region: 'ap-southeast-1', maxAttempts: 1 })),
    subscriptions,
    clock,
    settings: {
      stage: 'test',
      officeUnitId: 'ubnd-tinh',
      lang: 'vi' as const,
      sweepGraceMinutes: 30,
      smsPartsPerSecond: 20,
    },
    digests: new RecordingDigestQueue(table.doc, table.tableName, clock),
    metrics: new CountingSendMetrics(),
    letters: new DynamoLetterStore(table.doc, table.tableName),
    links: new DynamoLinkStore(table.doc, table.tableName),
    linkSecret: { key: async () => 'test-link-key' },
    receipts: new DynamoDeliveryReceipts(table.doc, table.tableName),
  };
  return { table, deps, clock, scheduler, sns, subscriptions };
}

const stamp = { version: 1, createdAt: '2026-01-05T01:00:00.000Z', updatedAt: '2026-01-05T01:00:00.000Z' };

export function unit(id: string, name: string, parentId: string | null, extra: Partial<Unit> = {}): Unit {
  return { id, name, kind: parentId ? 'department' : 'office', parentId, ...stamp, ...extra };
}

export function contact(
  unitId: string,
  id: string,
  role: 'head' | 'focal',
  phone: string,
  extra: Partial<Contact> = {},
): Contact {
  return {
    id,
    unitId,
    name: `${role} ${id}`,
    role,
    phone,
    channels: ['sms', 'email'],
    emailStatus: 'none',
    ...stamp,
    ...extra,
  };
}

/** Province office `ubnd-tinh` (head `ct`), department `so-noi-vu` (head `gd`, focal `cv`), directive 276. */
export async function seedProvince(e: Engine, opts: { confirmedEmail?: boolean } = {}): Promise<void> {
  const confirmed = opts.confirmedEmail ?? false;
  await e.deps.store.write([
    { op: 'put', entity: { kind: 'unit', value: unit('ubnd-tinh', 'UBND tỉnh', null) } },
    {
      op: 'put',
      entity: { kind: 'unit', value: unit('so-noi-vu', 'Sở Nội vụ', 'ubnd-tinh') },
    },
    { op: 'put', entity: { kind: 'contact', value: contact('ubnd-tinh', 'ct', 'head', OFFICE_PHONE) } },
    {
      op: 'put',
      entity: {
        kind: 'contact',
        value: contact('so-noi-vu', 'gd', 'head', HEAD_PHONE, {
          email: 'giamdoc@snv.gov.vn',
          emailStatus: confirmed ? 'confirmed' : 'pending',
          emailTopicArn: TOPIC,
        }),
      },
    },
    { op: 'put', entity: { kind: 'contact', value: contact('so-noi-vu', 'cv', 'focal', FOCAL_PHONE) } },
    {
      op: 'put',
      entity: {
        kind: 'directive',
        value: {
          id: '276-ubnd-ncpc',
          number: '276/UBND-NCPC',
          issuedOn: '2023-01-13',
          issuer: 'UBND tỉnh',
          title: 'Về việc đôn đốc thực hiện nhiệm vụ',
          ...stamp,
        },
      },
    },
  ]);
}

/** An open assignment of so-noi-vu due at the end of 20/03/2026 (a Friday), default policy. */
export function assignment(id: string, extra: Partial<Assignment> = {}): Assignment {
  return {
    id,
    taskId: 'bao-cao-quy',
    directiveId: '276-ubnd-ncpc',
    unitId: 'so-noi-vu',
    occurrence: 'once',
    title: `Báo cáo ${id}`,
    policy: 'mac-dinh',
    urgent: false,
    assignedAt: '2026-03-02T01:00:00.000Z',
    dueAt: '2026-03-20T16:59:59.999Z',
    originalDueAt: '2026-03-20T16:59:59.999Z',
    state: 'open',
    progress: 0,
    planVersion: 1,
    ...stamp,
    ...extra,
  };
}

/** The raw stored item, exactly as DynamoDB holds it (what a stream image carries). */
export async function rawItem(
  e: Engine,
  pk: string,
  sk: string,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await e.table.doc.send(
    new GetCommand({ TableName: e.table.tableName, Key: { PK: pk, SK: sk } }),
  );
  return Item;
}

let sequence = 1000;

/** The stream record DynamoDB would emit for a change from `before` to `after` (NEW_AND_OLD_IMAGES). */
export function streamRecord(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): DynamoDBRecord {
  const item = (after ?? before) as Record<string, unknown>;
  const image = (i: Record<string, unknown>) => marshall(i, { removeUndefinedValues: true }) as never;
  sequence++;
  return {
    eventID: `ev-${sequence}`,
    eventName: !before ? 'INSERT' : !after ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ap-southeast-1',
    dynamodb: {
      Keys: image({ PK: item.PK, SK: item.SK }),
      ...(after && { NewImage: image(after) }),
      ...(before && { OldImage: image(before) }),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN:
      'arn:aws:dynamodb:ap-southeast-1:123456789012:table/dondoc-test/stream/2026-01-01T00:00:00.000',
  };
}

export const lambdaContext = {
  functionName: 'dondoc-test',
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:dondoc-test',
  getRemainingTimeInMillis: () => 240_000,
} as unknown as Context;

type Planner = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/**
 * Runs `act` and plays the assignment's stream like DynamoDB Streams would: the record of the change,
 * then the record of each write the planner makes in response, until the item stops changing.
 */
export async function withStream(
  e: Engine,
  planner: Planner,
  assignmentId: string,
  act: () => Promise<unknown>,
) {
  const pk = `ASG#${assignmentId}`;
  let before = await rawItem(e, pk, 'ASG');
  await act();
  for (let round = 0; round < 5; round++) {
    const after = await rawItem(e, pk, 'ASG');
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const result = await planner({ Records: [streamRecord(before, after)] }, lambdaContext);
    if (result.batchItemFailures.length > 0) throw new Error('the planner failed a record');
    before = after;
  }
  throw new Error('the stream did not settle: the planner loops');
}

/** SNS refusing a publish for a while (a retry may succeed): throttling. */
export const snsThrottled = () =>
  new SNSServiceException({
    name: 'Throttling',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Rate exceeded',
  });

/** SNS failing on its side (a retry may succeed): a 5xx. */
export const snsServerError = () =>
  new SNSServiceException({
    name: 'InternalError',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
    message: 'Internal failure',
  });
