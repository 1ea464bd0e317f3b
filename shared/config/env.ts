import * as z from 'zod/mini';
import type { Letterhead } from '../domain/letter.ts';
import type { FieldIssue } from '../errors.ts';
import { idSchema } from '../schemas/common.ts';
import { letterheadSchema } from '../schemas/letters.ts';

/** The planner's EventBridge Scheduler settings (only the functions that keep schedules need them). */
export interface SchedulerConfig {
  groupName: string;
  roleArn: string;
  targetArn: string;
  dlqArn: string;
}

/** Everything the AWS composition root needs, parsed once from the environment. */
export interface AppConfig {
  tableName: string;
  stage: string;
  officeUnitId: string;
  lang: 'vi' | 'en';
  sweepGraceMinutes: number;
  /** The SMS sender ID's budget in message parts per second (`SMS_PARTS_PER_SECOND`). */
  smsPartsPerSecond: number;
  /** Absent when none of SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, DISPATCHER_ARN, SCHEDULER_DLQ_ARN is set. */
  scheduler?: SchedulerConfig;
  sms: { senderId?: string; maxPriceUsd?: string };
  /** Prefix of the per-contact SNS topic names (default `dondoc-<stage>-contact-`). */
  topicPrefix: string;
  /** Issuer, place and signer of the formal reminder letter (`LETTERHEAD`, JSON). */
  letterhead?: Letterhead;
  /** The console's public address, where personal links point (`LINK_BASE_URL`). */
  linkBase?: string;
  /** The Secrets Manager secret each message's link code is derived from (`LINK_SECRET_ARN`). */
  linkSecretArn?: string;
  /** The KMS key the unit topics are encrypted with; required by the function that creates them. */
  topicKmsKeyArn?: string;
  powertools: { serviceName: string; logLevel: string };
}

/**
 * The pacing when the stage sets none: conservative, below the 10 parts per second AWS End User
 * Messaging SMS documents for most countries' long codes. Each sender ID's real limit is in the
 * console (Configurations > Sender IDs > Messaging limits), see docs/deploy.md.
 */
export const DEFAULT_SMS_PARTS_PER_SECOND = 5;

/** The environment is wrong: lists every variable at fault and the rule it breaks. */
export class ConfigError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.path} ${i.rule}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

const SCHEDULER_VARS = [
  'SCHEDULE_GROUP',
  'SCHEDULER_ROLE_ARN',
  'DISPATCHER_ARN',
  'SCHEDULER_DLQ_ARN',
] as const;

/** An empty or blank variable counts as unset (CDK and shells produce `FOO=` easily). */
const blankAsUnset = z.transform((v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v));

const optional = <T extends z.core.$ZodType>(schema: T) => z.pipe(blankAsUnset, z.optional(schema));

const required = <T extends z.core.$ZodType>(schema: T) => z.pipe(blankAsUnset, schema);

/** A string variable that must match `pattern`; `rule` says what it must be. */
const matching = (pattern: RegExp, rule: string) => z.string().check(z.regex(pattern, rule));

/** Language of reminder texts; named DONDOC_LANG because `LANG` is the POSIX locale variable. */
const langSchema = z._default(optional(z.enum(['vi', 'en'], { error: 'must be "vi" or "en"' })), 'vi');

const envSchema = z
  .object({
    TABLE_NAME: required(
      matching(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)'),
    ),
    STAGE: required(
      matching(/^[a-z][a-z0-9-]{0,31}$/, 'must be lower-case letters, digits or "-", starting with a letter'),
    ),
    OFFICE_UNIT_ID: required(idSchema),
    DONDOC_LANG: langSchema,
    SWEEP_GRACE_MINUTES: optional(
      z.coerce
        .number({ error: 'must be a whole number of minutes' })
        .check(
          z.int('must be a whole number of minutes'),
          z.minimum(0, 'must be between 0 and 1440'),
          z.maximum(1440, 'must be between 0 and 1440'),
        ),
    ),
    SCHEDULE_GROUP: optional(
      matching(/^[0-9A-Za-z_.-]{1,64}$/, 'must be a schedule group name (1-64 of 0-9 A-Z a-z _ . -)'),
    ),
    SCHEDULER_ROLE_ARN: optional(
      matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN'),
    ),
    DISPATCHER_ARN: optional(
      matching(
        /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/,
        'must be a Lambda function ARN',
      ),
    ),
    SCHEDULER_DLQ_ARN: optional(
      matching(/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}$/, 'must be a standard SQS queue ARN'),
    ),
    SMS_SENDER_ID: optional(
      matching(
        /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/,
        'must be 1-11 letters or digits with at least one letter',
      ),
    ),
    SMS_PARTS_PER_SECOND: optional(
      z.coerce
        .number({ error: 'must be a number of message parts per second' })
        .check(z.positive('must be more than 0'), z.maximum(1000, 'must be at most 1000')),
    ),
    SMS_MAX_PRICE_USD: optional(
      matching(/^\d{1,3}(\.\d{1,5})?$/, 'must be a price in USD like 0.05').check(
        z.refine((s) => Number(s) > 0, 'must be more than 0'),
      ),
    ),
    TOPIC_PREFIX: optional(matching(/^[A-Za-z0-9_-]{1,160}$/, 'must be 1-160 of A-Z a-z 0-9 _ -')),
    LINK_BASE_URL: optional(
      z.url({
        protocol: /^https?$/,
        error: 'must be the console address, e.g. https://dondoc.backan.gov.vn',
      }),
    ),
    LETTERHEAD: optional(
      z.pipe(
        z.pipe(
          z.string(),
          z.transform((text: string, ctx) => {
            try {
              return JSON.parse(text) as unknown;
            } catch {
              ctx.issues.push({ code: 'custom', message: 'must be JSON', input: text, path: [] });
              return z.NEVER;
            }
          }),
        ),
        letterheadSchema,
      ),
    ),
    LINK_SECRET_ARN: optional(
      matching(
        /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/,
        'must be a Secrets Manager secret ARN',
      ),
    ),
    TOPIC_KMS_KEY_ARN: optional(
      matching(
        /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/,
        'must be a KMS key ARN',
      ),
    ),
    POWERTOOLS_SERVICE_NAME: optional(z.string().check(z.minLength(1))),
    POWERTOOLS_LOG_LEVEL: optional(
      z.pipe(
        z.pipe(
          z.string(),
          z.transform((s: string) => s.toUpperCase()),
        ),
        z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'], {
          error: 'must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT',
        }),
      ),
    ),
  })
  .check(
    z.superRefine((env, ctx) => {
      const set = SCHEDULER_VARS.filter((name) => env[name] !== undefined);
      if (set.length === 0 || set.length === SCHEDULER_VARS.length) return;
      for (const name of SCHEDULER_VARS.filter((n) => env[n] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `is required when ${set.join(', ')} is set` });
      }
    }),
  );

/** Parses an environment (no memo): for tests and the local runtime. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '(environment)');
        const missing = env[name] === undefined || env[name]?.trim() === '';
        return { path: name, rule: missing && issue.code === 'invalid_type' ? 'is required' : issue.message };
      }),
    );
  }
  const e = parsed.data;
  const scheduler =
    e.SCHEDULE_GROUP && e.SCHEDULER_ROLE_ARN && e.DISPATCHER_ARN && e.SCHEDULER_DLQ_ARN
      ? {
          groupName: e.SCHEDULE_GROUP,
          roleArn: e.SCHEDULER_ROLE_ARN,
          targetArn: e.DISPATCHER_ARN,
          dlqArn: e.SCHEDULER_DLQ_ARN,
        }
      : undefined;
  return {
    tableName: e.TABLE_NAME,
    stage: e.STAGE,
    officeUnitId: e.OFFICE_UNIT_ID,
    lang: e.DONDOC_LANG,
    sweepGraceMinutes: e.SWEEP_GRACE_MINUTES ?? 30,
    smsPartsPerSecond: e.SMS_PARTS_PER_SECOND ?? DEFAULT_SMS_PARTS_PER_SECOND,
    ...(scheduler && { scheduler }),
    sms: {
      ...(e.SMS_SENDER_ID && { senderId: e.SMS_SENDER_ID }),
      ...(e.SMS_MAX_PRICE_USD && { maxPriceUsd: e.SMS_MAX_PRICE_USD }),
    },
    topicPrefix: e.TOPIC_PREFIX ?? `dondoc-${e.STAGE}-contact-`,
    ...(e.LETTERHEAD && { letterhead: e.LETTERHEAD }),
    ...(e.LINK_BASE_URL && { linkBase: e.LINK_BASE_URL }),
    ...(e.LINK_SECRET_ARN && { linkSecretArn: e.LINK_SECRET_ARN }),
    ...(e.TOPIC_KMS_KEY_ARN && { topicKmsKeyArn: e.TOPIC_KMS_KEY_ARN }),
    powertools: {
      serviceName: e.POWERTOOLS_SERVICE_NAME ?? 'dondoc',
      logLevel: e.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    },
  };
}

let cached: AppConfig | undefined;

/** The configuration of this container: `process.env` parsed once at cold start (fails fast, naming the variable). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  if (env !== process.env) return parseConfig(env);
  cached ??= parseConfig(env);
  return cached;
}

/** The link secret's ARN, or a ConfigError: a function that puts links in messages must have it. */
export function requireLinkSecretArn(config: AppConfig): string {
  if (config.linkSecretArn) return config.linkSecretArn;
  throw new ConfigError([{ path: 'LINK_SECRET_ARN', rule: 'is required to put personal links in messages' }]);
}

/** The scheduler settings, or a ConfigError naming the four variables a scheduling function must have. */
export function requireSchedulerConfig(config: AppConfig): SchedulerConfig {
  if (config.scheduler) return config.scheduler;
  throw new ConfigError(
    SCHEDULER_VARS.map((name) => ({ path: name, rule: 'is required to keep reminder schedules' })),
  );
}
