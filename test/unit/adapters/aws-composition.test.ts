import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
async function freshAwsDependencies(env: Record<string, string>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const { awsDependencies } = await import('../../../shared/composition/aws.ts');
  return awsDependencies;
}

beforeEach(() => {
  vi.resetModules();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('awsDependencies', () => {
  it('wires the AWS adapters and the settings from the environment, once', async () => {
    // Prepare
    const awsDependencies = await freshAwsDependencies({ ...baseEnv, ...schedulerEnv });
    // Act
    const deps = awsDependencies();
    // Assess
    expect(deps.store.constructor.name).toBe(DynamoStore.name);
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
    expect(awsDependencies()).toBe(deps);
  });

  it('gives functions without the scheduler variables a scheduler that names them when used', async () => {
    // Prepare
    const deps = (await freshAwsDependencies(baseEnv))();
    // Act
    const result = deps.scheduler.remove('a-1');
    // Assess
    // (the module was re-imported, so the class is compared by name)
    await expect(result).rejects.toMatchObject({
      name: ConfigError.name,
      message: expect.stringMatching(/SCHEDULE_GROUP/),
    });
  });

  it('fails at cold start naming a missing variable', async () => {
    // Prepare
    const awsDependencies = await freshAwsDependencies({ ...baseEnv, TABLE_NAME: '' });
    // Act
    const act = () => awsDependencies();
    // Assess
    expect(act).toThrow(/TABLE_NAME is required/);
  });
});
