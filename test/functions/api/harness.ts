import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { ApiDependencies } from '#ports/dependencies';
import { createHandler } from '../../../functions/api/http.ts';
import { DynamoLetterStore } from '../../../shared/adapters/dynamodb/letters.ts';
import { DynamoLinkStore } from '../../../shared/adapters/dynamodb/links.ts';
import { SnsEmailSubscriptions } from '../../../shared/adapters/sns/sns-subscriptions.ts';
import { type ApiRequest, apiEvent, type Claims, claimsOf } from '../../support/api-event.ts';
import { createTestTable, type TestTable } from '../../support/table.ts';

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever body shape the route under test returns
  json: any;
}

/** SNS as the SDK mock sees it: topics, and each address's subscription (pending until `confirm`). */
export class FakeSns {
  readonly mock = mockClient(new SNSClient({ region: 'ap-southeast-1' }));
  readonly subscriptions = new Map<string, { topicArn: string; email: string; confirmed: boolean }>();

  constructor() {
    this.mock.on(CreateTopicCommand).callsFake((input: { Name: string }) => ({
      TopicArn: `arn:aws:sns:ap-southeast-1:123456789012:${input.Name}`,
    }));
    this.mock.on(SubscribeCommand).callsFake((input: { TopicArn: string; Endpoint: string }) => {
      const existing = [...this.subscriptions].find(
        ([, s]) => s.topicArn === input.TopicArn && s.email === input.Endpoint,
      );
      if (existing) return { SubscriptionArn: existing[0] };
      const arn = `${input.TopicArn}:${randomUUID()}`;
      this.subscriptions.set(arn, { topicArn: input.TopicArn, email: input.Endpoint, confirmed: false });
      return { SubscriptionArn: arn };
    });
    this.mock.on(DeleteTopicCommand).callsFake((input: { TopicArn: string }) => {
      for (const [arn, s] of this.subscriptions)
        if (s.topicArn === input.TopicArn) this.subscriptions.delete(arn);
      return {};
    });
    this.mock.on(UnsubscribeCommand).callsFake((input: { SubscriptionArn: string }) => {
      this.subscriptions.delete(input.SubscriptionArn);
      return {};
    });
    this.mock.on(ListSubscriptionsByTopicCommand).callsFake((input: { TopicArn: string }) => ({
      Subscriptions: [...this.subscriptions]
        .filter(([, s]) => s.topicArn === input.TopicArn)
        .map(([arn, s]) => ({
          Protocol: 'email',
          Endpoint: s.email,
          SubscriptionArn: s.confirmed ? arn : 'PendingConfirmation',
        })),
    }));
  }

  confirm(email: string): void {
    for (const s of this.subscriptions.values()) if (s.email === email) s.confirmed = true;
  }
}

export interface Api {
  call(request: Omit<ApiRequest, 'claims'> & { claims?: Claims | null }): Promise<ApiResponse>;
  deps: ApiDependencies;
  table: TestTable;
  sns: FakeSns;
  clock: { now: Date };
  logger: Logger;
  /**
   * Every item in the table (to prove a rejected request wrote nothing) but the rate-limit
   * counters, which count rejected link lookups too, on purpose.
   */
  countItems(): Promise<number>;
}

/** The API handler on a fresh DynamoDB Local table, SNS mocked at the SDK boundary, a fixed clock. */
export async function setupApi(prefix: string, now = new Date('2026-04-24T03:00:00Z')): Promise<Api> {
  const table = await createTestTable(prefix);
  const sns = new FakeSns();
  const clock = { now };
  const deps: ApiDependencies = {
    store: table.store,
    subscriptions: new SnsEmailSubscriptions(sns.mock as unknown as SNSClient, {
      topicPrefix: 'dondoc-test-contact-',
      kmsKeyId: 'arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    }),
    letters: new DynamoLetterStore(table.doc, table.tableName),
    links: new DynamoLinkStore(table.doc, table.tableName),
    clock: { now: () => clock.now },
    settings: {
      stage: 'test',
      officeUnitId: 'ubnd-tinh',
      lang: 'vi',
      sweepGraceMinutes: 30,
      smsPartsPerSecond: 20,
    },
  };
  const logger = new Logger({ serviceName: 'dondoc-api-test', logLevel: 'SILENT' });
  const handler = createHandler(deps, { logger });
  return {
    deps,
    table,
    sns,
    clock,
    logger,
    async call(request) {
      const claims = request.claims === undefined ? claimsOf.admin() : request.claims;
      const result = await handler(apiEvent({ ...request, claims }), {} as Context);
      const text = typeof result?.body === 'string' ? result.body : '';
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return {
        status: result?.statusCode ?? 0,
        headers: (result?.headers ?? {}) as Record<string, string>,
        text,
        json,
      };
    },
    async countItems() {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new ScanCommand({
            TableName: table.tableName,
            Select: 'COUNT',
            FilterExpression: 'NOT begins_with(PK, :rate)',
            ExpressionAttributeValues: { ':rate': { S: 'RATE#' } },
            ExclusiveStartKey: start as never,
          }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    },
  };
}

/** A small province: the office, two departments and a district, one policy-free directive. */
export async function seedProvince(api: Api): Promise<void> {
  for (const unit of [
    { id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'ubnd-tinh' },
    { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', parentId: 'ubnd-tinh' },
    { id: 'ubnd-ba-be', name: 'UBND huyện Ba Bể', kind: 'district', parentId: 'ubnd-tinh' },
  ]) {
    const res = await api.call({ method: 'POST', path: '/units', body: unit });
    if (res.status !== 201) throw new Error(`seed unit ${unit.id}: ${res.status} ${res.text}`);
  }
  const directive = await api.call({
    method: 'POST',
    path: '/directives',
    body: {
      id: '276-ubnd-ncpc',
      number: '276/UBND-NCPC',
      issuedOn: '2026-01-13',
      issuer: 'UBND tỉnh Bắc Kạn',
      title: 'Tăng cường công tác phòng, chống tham nhũng',
    },
  });
  if (directive.status !== 201) throw new Error(`seed directive: ${directive.status} ${directive.text}`);
}

/** Creates a one-off task led by `lead` and returns its assignments' ids. */
export async function createTask(
  api: Api,
  id: string,
  lead: string[],
  due = '2026-05-15',
): Promise<string[]> {
  const res = await api.call({
    method: 'POST',
    path: '/directives/276-ubnd-ncpc/tasks',
    body: { id, title: `Báo cáo ${id}`, due, lead },
  });
  if (res.status !== 201) throw new Error(`task ${id}: ${res.status} ${res.text}`);
  return res.json.assignments.map((a: { id: string }) => a.id);
}
