import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoDigestQueue } from '../../../shared/adapters/dynamodb/digest-queue.ts';
import { DynamoStore } from '../../../shared/adapters/dynamodb/store.ts';
import { EventBridgeReminderScheduler } from '../../../shared/adapters/scheduler/eventbridge-scheduler.ts';
import { SnsNotifier } from '../../../shared/adapters/sns/sns-notifier.ts';
import { SnsEmailSubscriptions } from '../../../shared/adapters/sns/sns-subscriptions.ts';
import { ConfigError, DEFAULT_SMS_PARTS_PER_SECOND } from '../../../shared/config/env.ts';

const baseEnv = {
  AWS_REGION: 'ap-southeast-1',
  TABLE_NAME: 'dondoc-dev',
  STAGE: 'dev',
  OFFICE_UNIT_ID: 'vp-ubnd',
  DONDOC_LANG: 'en',
  SWEEP_GRACE_MINUTES: '15',
};
const schedulerEnv = {
  SCHEDULE_GROUP: 'dondoc-dev',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/dondoc-dev-scheduler',
  DISPATCHER_ARN: 'arn:aws:lambda:ap-southeast-1:123456789012:function:dondoc-dev-dispatcher',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:ap-southeast-1:123456789012:dondoc-dev-scheduler-dlq',
};

/** A fresh copy of the composition root (it memoizes per container) under the given environment. */
async function freshRoot(env: Record<string, string>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import('../../../shared/composition/aws.ts');
}

beforeEach(() => {
  vi.resetModules();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the AWS composition root', () => {
  it('gives the sweeper every AWS adapter and the settings from the environment', async () => {
    // Prepare
    const root = await freshRoot({ ...baseEnv, ...schedulerEnv });
    // Act
    const deps = root.awsSweeperDependencies();
    // Assess
    expect(deps.store.constructor.name).toBe(DynamoStore.name);
    expect(deps.digests.constructor.name).toBe(DynamoDigestQueue.name);
    expect(deps.scheduler.constructor.name).toBe(EventBridgeReminderScheduler.name);
    expect(deps.notifier.constructor.name).toBe(SnsNotifier.name);
    expect(deps.subscriptions.constructor.name).toBe(SnsEmailSubscriptions.name);
    expect(deps.settings).toEqual({
      stage: 'dev',
      officeUnitId: 'vp-ubnd',
      lang: 'en',
      sweepGraceMinutes: 15,
      smsPartsPerSecond: DEFAULT_SMS_PARTS_PER_SECOND,
    });
  });

  it('builds each adapter once per container, shared by the calls', async () => {
    // Prepare
    const root = await freshRoot({ ...baseEnv, ...schedulerEnv });
    // Act
    const first = root.awsDispatcherDependencies();
    const second = root.awsSweeperDependencies();
    // Assess
    expect(second.scheduler).toBe(first.scheduler);
    expect(second.notifier).toBe(first.notifier);
  });

  it('gives the API only the ports it uses', async () => {
    // Prepare
    const root = await freshRoot(baseEnv);
    // Act
    const deps = root.awsApiDependencies();
    // Assess
    expect(Object.keys(deps).sort()).toEqual([
      'clock',
      'letters',
      'links',
      'settings',
      'store',
      'subscriptions',
    ]);
  });

  it('gives functions without the scheduler variables a scheduler that names them when used', async () => {
    // Prepare
    const deps = (await freshRoot(baseEnv)).awsPlannerDependencies();
    // Act
    const result = deps.scheduler.remove('a-1');
    // Assess
    // (the module was re-imported, so the class is compared by name)
    await expect(result).rejects.toMatchObject({
      name: ConfigError.name,
      message: expect.stringMatching(/SCHEDULE_GROUP/),
    });
  });

  it('reads no environment at import, and names a missing variable when first used', async () => {
    // Prepare
    const root = await freshRoot({ ...baseEnv, TABLE_NAME: '' });
    // Act
    const act = () => root.awsApiDependencies();
    // Assess
    expect(act).toThrow(/TABLE_NAME is required/);
  });
});
