import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { DynamoStore } from '../adapters/dynamodb/store.ts';
import { EventBridgeReminderScheduler } from '../adapters/scheduler/eventbridge-scheduler.ts';
import { createPublishClient, SnsNotifier } from '../adapters/sns/sns-notifier.ts';
import { SnsEmailSubscriptions } from '../adapters/sns/sns-subscriptions.ts';
import { type AppConfig, loadConfig, requireSchedulerConfig } from '../config/env.ts';
import { systemClock } from '../ports/clock.ts';
import type { ReminderScheduler } from '../ports/reminder-scheduler.ts';
import type { Dependencies, EngineSettings } from './dependencies.ts';

// Clients at module scope: created once per container, they connect only when first used.
const doc = createDocumentClient();
const scheduler = new SchedulerClient({});
/** Publishing makes one attempt (see createPublishClient); topic and subscription calls are idempotent and keep SDK retries. */
const publishClient = createPublishClient();
const topicClient = new SNSClient({});

/** The use cases' settings, from the parsed environment. */
export function engineSettings(config: AppConfig): EngineSettings {
  return {
    stage: config.stage,
    officeUnitId: config.officeUnitId,
    lang: config.lang,
    sweepGraceMinutes: config.sweepGraceMinutes,
    ...(config.letterhead && { letterhead: config.letterhead }),
  };
}

/**
 * The scheduler adapter. Only the functions that keep schedules get the four scheduler variables;
 * elsewhere the first call fails with a ConfigError naming them, instead of every function needing them.
 */
function reminderScheduler(config: AppConfig): ReminderScheduler {
  if (config.scheduler) return new EventBridgeReminderScheduler(scheduler, config.scheduler);
  return {
    upsert: async () => {
      requireSchedulerConfig(config);
    },
    remove: async () => {
      requireSchedulerConfig(config);
    },
  };
}

let dependencies: Dependencies | undefined;

/** Everything a Lambda handler needs in AWS, built once per container (config parsed and checked here). */
export function awsDependencies(): Dependencies {
  if (dependencies) return dependencies;
  const config = loadConfig();
  dependencies = {
    store: new DynamoStore(doc, config.tableName),
    scheduler: reminderScheduler(config),
    notifier: new SnsNotifier(publishClient, config.sms),
    subscriptions: new SnsEmailSubscriptions(topicClient, { topicPrefix: config.topicPrefix }),
    clock: systemClock,
    settings: engineSettings(config),
  };
  return dependencies;
}
