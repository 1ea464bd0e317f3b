import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { DynamoDigestQueue } from '../adapters/dynamodb/digest-queue.ts';
import { DynamoLetterStore } from '../adapters/dynamodb/letters.ts';
import { DynamoLinkStore } from '../adapters/dynamodb/links.ts';
import { DynamoDeliveryReceipts } from '../adapters/dynamodb/receipts.ts';
import { DynamoStore } from '../adapters/dynamodb/store.ts';
import { EmfSendMetrics } from '../adapters/metrics/emf-send-metrics.ts';
import { EventBridgeReminderScheduler } from '../adapters/scheduler/eventbridge-scheduler.ts';
import { SecretsManagerLinkSecret } from '../adapters/secrets/link-secret.ts';
import { createPublishClient, SnsNotifier } from '../adapters/sns/sns-notifier.ts';
import { SnsEmailSubscriptions } from '../adapters/sns/sns-subscriptions.ts';
import { type AppConfig, loadConfig, requireLinkSecretArn, requireSchedulerConfig } from '../config/env.ts';
import { systemClock } from '../ports/clock.ts';
import type {
  ApiDependencies,
  Dependencies,
  DispatcherDependencies,
  EngineSettings,
  PlannerDependencies,
  ReceiptsDependencies,
} from '../ports/dependencies.ts';
import type { LinkSecret } from '../ports/links.ts';
import type { ReminderScheduler } from '../ports/reminder-scheduler.ts';

/**
 * The AWS composition root. Nothing runs at import: each part is built on its first use and kept
 * for the container's life (config parsed and checked once, each SDK client created once). A
 * function asks for its own set of ports, so it builds only the clients it uses, and the bundler
 * drops the others (the builders are plain functions, unused ones are tree-shaken).
 */
let config: AppConfig | undefined;
let doc: DynamoDBDocumentClient | undefined;
let scheduler: ReminderScheduler | undefined;
let notifier: SnsNotifier | undefined;
let subscriptions: SnsEmailSubscriptions | undefined;
let metrics: EmfSendMetrics | undefined;
let linkKey: LinkSecret | undefined;
let table: DynamoStore | undefined;

const appConfig = (): AppConfig => (config ??= loadConfig());
const documentClient = (): DynamoDBDocumentClient => (doc ??= createDocumentClient());
/** One store per container: its due marks are shared with the dispatcher's digest queue. */
const store = () => (table ??= new DynamoStore(documentClient(), appConfig().tableName));
const letters = () => new DynamoLetterStore(documentClient(), appConfig().tableName);
const links = () => new DynamoLinkStore(documentClient(), appConfig().tableName);
const receipts = () => new DynamoDeliveryReceipts(documentClient(), appConfig().tableName);
/** Counts added up over an invocation and flushed by the handler, so one per container. */
const sendMetrics = () => (metrics ??= new EmfSendMetrics(appConfig().stage));

/** The use cases' settings, from the parsed environment. */
export function engineSettings(c: AppConfig): EngineSettings {
  return {
    stage: c.stage,
    officeUnitId: c.officeUnitId,
    lang: c.lang,
    sweepGraceMinutes: c.sweepGraceMinutes,
    smsPartsPerSecond: c.smsPartsPerSecond,
    ...(c.letterhead && { letterhead: c.letterhead }),
    ...(c.linkBase && { linkBase: c.linkBase }),
  };
}

/**
 * The scheduler adapter. Only the functions that keep schedules get the four scheduler variables;
 * elsewhere the first call fails with a ConfigError naming them, instead of every function needing them.
 */
function reminderScheduler(): ReminderScheduler {
  if (scheduler) return scheduler;
  const c = appConfig();
  const fail = async () => {
    requireSchedulerConfig(c);
  };
  scheduler = c.scheduler
    ? new EventBridgeReminderScheduler(new SchedulerClient({}), c.scheduler)
    : { upsert: fail, remove: fail };
  return scheduler;
}

/** The link key: read from Secrets Manager on the first message; a ConfigError if the function has no secret. */
function linkSecret(): LinkSecret {
  if (linkKey) return linkKey;
  const c = appConfig();
  linkKey = c.linkSecretArn
    ? new SecretsManagerLinkSecret(new SecretsManagerClient({}), c.linkSecretArn)
    : { key: async () => requireLinkSecretArn(c) };
  return linkKey;
}

/** Publishing makes one attempt (see createPublishClient). */
const snsNotifier = () => (notifier ??= new SnsNotifier(createPublishClient(), appConfig().sms));

/** Topic and subscription calls are idempotent and keep the SDK's retries. */
const emailSubscriptions = () =>
  (subscriptions ??= new SnsEmailSubscriptions(new SNSClient({}), {
    topicPrefix: appConfig().topicPrefix,
    kmsKeyId: appConfig().topicKmsKeyArn,
  }));

/** The HTTP API: DynamoDB and SNS topics. */
export function awsApiDependencies(): ApiDependencies {
  return {
    store: store(),
    subscriptions: emailSubscriptions(),
    letters: letters(),
    links: links(),
    clock: systemClock,
    settings: engineSettings(appConfig()),
  };
}

/** The stream planner: DynamoDB and EventBridge Scheduler. */
export function awsPlannerDependencies(): PlannerDependencies {
  return {
    store: store(),
    scheduler: reminderScheduler(),
    clock: systemClock,
    settings: engineSettings(appConfig()),
  };
}

/** The dispatcher: DynamoDB, EventBridge Scheduler and SNS publishing. */
export function awsDispatcherDependencies(): DispatcherDependencies {
  return {
    ...awsPlannerDependencies(),
    digests: new DynamoDigestQueue(documentClient(), appConfig().tableName, systemClock, {
      marks: store().marks,
    }),
    notifier: snsNotifier(),
    letters: letters(),
    links: links(),
    linkSecret: linkSecret(),
    receipts: receipts(),
    metrics: sendMetrics(),
  };
}

/** The daily sweeper: everything (it also refreshes email subscription statuses). */
export function awsSweeperDependencies(): Dependencies {
  return { ...awsDispatcherDependencies(), subscriptions: emailSubscriptions() };
}

/** The carrier receipts: DynamoDB, and SNS publishing for the email that replaces a failed SMS. */
export function awsReceiptsDependencies(): ReceiptsDependencies {
  return {
    store: store(),
    receipts: receipts(),
    notifier: snsNotifier(),
    links: links(),
    clock: systemClock,
    settings: engineSettings(appConfig()),
  };
}
