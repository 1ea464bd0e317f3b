import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  DEFAULT_SMS_PARTS_PER_SECOND,
  loadConfig,
  parseConfig,
  requireLinkSecretArn,
  requireSchedulerConfig,
} from '../../../shared/config/env.ts';

const validEnv = {
  TABLE_NAME: 'dondoc-dev',
  STAGE: 'dev',
  OFFICE_UNIT_ID: 'vp-ubnd',
  DONDOC_LANG: 'vi',
  SWEEP_GRACE_MINUTES: '45',
  SCHEDULE_GROUP: 'dondoc-dev',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/dondoc-dev-scheduler',
  DISPATCHER_ARN: 'arn:aws:lambda:ap-southeast-1:123456789012:function:dondoc-dev-dispatcher',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:ap-southeast-1:123456789012:dondoc-dev-scheduler-dlq',
  SMS_SENDER_ID: 'UBNDTINH',
  SMS_MAX_PRICE_USD: '0.05',
  SMS_PARTS_PER_SECOND: '20',
  TOPIC_PREFIX: 'dondoc-dev-contact-',
  POWERTOOLS_SERVICE_NAME: 'dondoc',
  POWERTOOLS_LOG_LEVEL: 'info',
};

/** The ConfigError a broken environment raises (fails the test if none is raised). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('parseConfig', () => {
  it('reads the letterhead of the formal reminder letter, and names LETTERHEAD when it is not JSON', () => {
    const letterhead = {
      issuer: 'ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN',
      symbol: 'UBND-VP',
      place: 'Bắc Kạn',
      signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
    };

    expect(parseConfig({ ...validEnv, LETTERHEAD: JSON.stringify(letterhead) }).letterhead).toEqual({
      ...letterhead,
      archive: 'Lưu: VT.',
    });
    expect(configError({ ...validEnv, LETTERHEAD: '{issuer' }).issues).toEqual([
      { path: 'LETTERHEAD', rule: 'must be JSON' },
    ]);
  });

  it('turns a complete environment into typed settings', () => {
    expect(parseConfig(validEnv)).toEqual({
      tableName: 'dondoc-dev',
      stage: 'dev',
      officeUnitId: 'vp-ubnd',
      lang: 'vi',
      sweepGraceMinutes: 45,
      smsPartsPerSecond: 20,
      scheduler: {
        groupName: 'dondoc-dev',
        roleArn: validEnv.SCHEDULER_ROLE_ARN,
        targetArn: validEnv.DISPATCHER_ARN,
        dlqArn: validEnv.SCHEDULER_DLQ_ARN,
      },
      sms: { senderId: 'UBNDTINH', maxPriceUsd: '0.05' },
      topicPrefix: 'dondoc-dev-contact-',
      powertools: { serviceName: 'dondoc', logLevel: 'INFO' },
    });
  });

  it('fills the defaults of optional variables', () => {
    // Act
    const config = parseConfig({ TABLE_NAME: 'dondoc-dev', STAGE: 'dev', OFFICE_UNIT_ID: 'vp-ubnd' });
    // Assess
    expect(config).toMatchObject({
      lang: 'vi',
      sweepGraceMinutes: 30,
      smsPartsPerSecond: DEFAULT_SMS_PARTS_PER_SECOND,
      topicPrefix: 'dondoc-dev-contact-',
      sms: {},
    });
    expect(config.scheduler).toBeUndefined();
  });

  it('names a missing required variable', () => {
    // Act
    const error = configError({ ...validEnv, TABLE_NAME: undefined });
    // Assess
    expect(error.issues).toEqual([{ path: 'TABLE_NAME', rule: 'is required' }]);
    expect(error.message).toContain('TABLE_NAME is required');
  });

  it('treats a blank variable as missing', () => {
    expect(configError({ ...validEnv, OFFICE_UNIT_ID: '  ' }).issues).toEqual([
      { path: 'OFFICE_UNIT_ID', rule: 'is required' },
    ]);
  });

  it('names DONDOC_LANG and its rule when it is neither vi nor en', () => {
    expect(configError({ ...validEnv, DONDOC_LANG: 'fr' }).issues).toEqual([
      { path: 'DONDOC_LANG', rule: 'must be "vi" or "en"' },
    ]);
  });

  it('defaults the reminder language to Vietnamese whatever the POSIX LANG says', () => {
    const { DONDOC_LANG: _unset, ...withoutLang } = validEnv;
    expect(parseConfig({ ...withoutLang, LANG: 'en_US.UTF-8' }).lang).toBe('vi');
  });

  it('names SWEEP_GRACE_MINUTES when it is not a whole number', () => {
    expect(configError({ ...validEnv, SWEEP_GRACE_MINUTES: '7.5' }).issues).toEqual([
      { path: 'SWEEP_GRACE_MINUTES', rule: 'must be a whole number of minutes' },
    ]);
  });

  it('names the scheduler variables that are missing when only some are set', () => {
    // Act
    const error = configError({ ...validEnv, DISPATCHER_ARN: undefined, SCHEDULER_DLQ_ARN: undefined });
    // Assess
    expect(error.issues.map((i) => i.path)).toEqual(['DISPATCHER_ARN', 'SCHEDULER_DLQ_ARN']);
  });

  it('names a malformed ARN', () => {
    expect(configError({ ...validEnv, SCHEDULER_ROLE_ARN: 'dondoc-dev-scheduler' }).issues).toEqual([
      { path: 'SCHEDULER_ROLE_ARN', rule: 'must be an IAM role ARN' },
    ]);
  });

  it('names an SMS sender id SNS would reject', () => {
    expect(configError({ ...validEnv, SMS_SENDER_ID: 'UBND TINH QN' }).issues[0]?.path).toBe('SMS_SENDER_ID');
  });

  it('lists every broken variable at once', () => {
    // Act
    const error = configError({ ...validEnv, STAGE: 'Dev!', POWERTOOLS_LOG_LEVEL: 'LOUD' });
    // Assess
    expect(error.issues.map((i) => i.path).sort()).toEqual(['POWERTOOLS_LOG_LEVEL', 'STAGE']);
  });
});

describe('requireSchedulerConfig', () => {
  it('names the four scheduler variables when a function without them keeps schedules', () => {
    // Prepare
    const config = parseConfig({ TABLE_NAME: 'dondoc-dev', STAGE: 'dev', OFFICE_UNIT_ID: 'vp-ubnd' });
    // Act
    const act = () => requireSchedulerConfig(config);
    // Assess
    expect(act).toThrow(/SCHEDULE_GROUP.*SCHEDULER_ROLE_ARN.*DISPATCHER_ARN.*SCHEDULER_DLQ_ARN/);
  });
});

describe('requireLinkSecretArn', () => {
  it('gives the link key secret of the senders', () => {
    const arn = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:dondoc-dev-link-key-AbC123';

    expect(requireLinkSecretArn(parseConfig({ ...validEnv, LINK_SECRET_ARN: arn }))).toBe(arn);
  });

  it('names LINK_SECRET_ARN when a function that puts links in messages lacks it', () => {
    const config = parseConfig(validEnv);

    expect(() => requireLinkSecretArn(config)).toThrow(/LINK_SECRET_ARN is required/);
  });

  it('names a LINK_SECRET_ARN that is not a secret ARN', () => {
    expect(configError({ ...validEnv, LINK_SECRET_ARN: 'dondoc-dev-link-key' }).issues).toEqual([
      { path: 'LINK_SECRET_ARN', rule: 'must be a Secrets Manager secret ARN' },
    ]);
  });
});

describe('loadConfig', () => {
  it('parses process.env once per container', () => {
    // Prepare
    for (const [name, value] of Object.entries(validEnv)) vi.stubEnv(name, value);
    const first = loadConfig();
    vi.stubEnv('TABLE_NAME', 'changed-later');
    // Act
    const second = loadConfig();
    // Assess
    expect(second).toBe(first);
    expect(second.tableName).toBe('dondoc-dev');
  });
});
