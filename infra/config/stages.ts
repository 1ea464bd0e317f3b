import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DEFAULT_SMS_PARTS_PER_SECOND } from '../../shared/config/env.ts';
import type { Letterhead } from '../../shared/domain/letter.ts';
import type { ConsoleDomain } from '../constructs/web-console.ts';

/** Everything that differs between one deployment (stage × province) and another. */
export interface StageConfig {
  /** Used in every physical name: table `dondoc-<stage>`, schedule group, topics `dondoc-<stage>-unit-*`. */
  readonly stage: string;
  /** Human name of the province this deployment serves (tags and dashboard title). */
  readonly province: string;
  /** Target account; undefined = environment-agnostic (offline synth, `dev` without credentials). */
  readonly account: string | undefined;
  readonly region: string;
  /** Unit id of the provincial office (Văn phòng UBND): the top of every escalation chain. */
  readonly officeUnitId: string;
  readonly lang: 'vi' | 'en';
  readonly sms: {
    /** Registered alphanumeric sender ID (brand name); undefined until the carriers approve it. */
    readonly senderId: string | undefined;
    /** Account-wide SNS SMS monthly spend limit (USD); must not exceed the quota AWS Support granted. */
    readonly monthlySpendLimitUsd: number;
    /** Highest price per SMS the dispatcher accepts (`AWS.SNS.SMS.MaxPrice`); undefined = no cap. */
    readonly maxPriceUsd: number | undefined;
    /**
     * Whether this stack owns the account-level SMS settings (spend limit, delivery-status logging,
     * default type). SMS settings are per account and region: exactly one stage per account may own them.
     */
    readonly manageAccountSettings: boolean;
  };
  /** Receives every CloudWatch alarm (subscription must be confirmed from the mailbox). */
  readonly alarmEmail: string;
  /** Defaults of the reminder policy, shown to administrators; the domain's `defaultPolicy` uses the same values. */
  readonly sendWindow: { readonly start: string; readonly quietStart: string; readonly quietEnd: string };
  readonly logRetention: RetentionDays;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Production data: deletion protection and RETAIN on the table, user pool and schedule group. */
  readonly retainData: boolean;
  readonly auth: {
    /** TOTP MFA required for every user (optional otherwise). */
    readonly mfaRequired: boolean;
    /** Cognito Plus feature plan with threat protection in ENFORCED mode. */
    readonly threatProtection: boolean;
    /**
     * Prefix of the Cognito hosted UI, `https://<prefix>.auth.<region>.amazoncognito.com`, where the
     * console sends users to sign in. Unique in the region across all AWS accounts: lowercase letters,
     * digits and hyphens, without `aws`, `amazon` or `cognito`. Convention: `dondoc-<stage>-<province>`.
     */
    readonly domainPrefix: string;
  };
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** `SWEEP_GRACE_MINUTES` of the sweeper's safety net. */
  readonly sweepGraceMinutes: number;
  /**
   * The SMS sender ID's throughput in message parts per second (`SMS_PARTS_PER_SECOND`): each send
   * window is drained at this rate. Read the real limit in the AWS End User Messaging SMS console
   * (Configurations > Sender IDs > the sender ID > Messaging limits) and set it here; above it,
   * AWS throttles (dondoc then backs off and retries).
   */
  readonly smsPartsPerSecond: number;
  /** Issuer, place and signer of the formal reminder letter (văn bản đôn đốc); `LETTERHEAD` of the functions. */
  readonly letterhead: Letterhead;
  /**
   * Reserved concurrency of the send path. It caps how many sends run at once (a burst of schedule
   * fires at a window's opening waits in Lambda's asynchronous queue instead of flooding SNS) and
   * keeps that capacity for reminders when the API is busy. The account must keep 10 unreserved:
   * a new account whose concurrency quota is 10 needs a quota increase first (docs/deploy.md).
   */
  readonly reservedConcurrency: { readonly dispatcher: number; readonly sweeper: number };
  /**
   * The console's own domain and its us-east-1 ACM certificate. Without it the console is served at
   * `*.cloudfront.net`, whose default certificate still accepts TLS 1.0/1.1 clients (docs/deploy.md).
   */
  readonly consoleDomain?: ConsoleDomain;
}

/** The provincial People's Committee issues, a vice-chairman signs on its behalf (NĐ 30/2020, Phụ lục I). */
const letterhead = (province: string, place: string): Letterhead => ({
  issuer: `ỦY BAN NHÂN DÂN\n${province.toUpperCase()}`,
  symbol: 'UBND-VP',
  place,
  signerTitle: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
  archive: 'Lưu: VT, VP.',
});

const defaultSendWindow = { start: '08:00', quietStart: '21:00', quietEnd: '07:00' } as const;

/**
 * One entry per deployable stage. Add a province by adding an entry (e.g. `prod-quangtri`) with its own
 * account; `npx cdk deploy --all -c stage=<name>` picks it.
 */
export const stages: Readonly<Record<string, StageConfig>> = {
  dev: {
    stage: 'dev',
    province: 'Tỉnh mẫu (dev)',
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: 'ap-southeast-1',
    officeUnitId: 'vp-ubnd',
    lang: 'vi',
    sms: { senderId: undefined, monthlySpendLimitUsd: 1, maxPriceUsd: 0.1, manageAccountSettings: true },
    alarmEmail: 'dondoc-dev-alarms@example.org',
    sendWindow: defaultSendWindow,
    logRetention: RetentionDays.TWO_WEEKS,
    logLevel: 'DEBUG',
    retainData: false,
    auth: { mfaRequired: false, threatProtection: false, domainPrefix: 'dondoc-dev-tinhmau' },
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    sweepGraceMinutes: 30,
    smsPartsPerSecond: DEFAULT_SMS_PARTS_PER_SECOND,
    letterhead: letterhead('Tỉnh mẫu', 'Tỉnh mẫu'),
    reservedConcurrency: { dispatcher: 2, sweeper: 1 },
  },
  prod: {
    stage: 'prod',
    province: 'Tỉnh mẫu',
    // Replace with the province's production account before the first deploy.
    account: '111111111111',
    region: 'ap-southeast-1',
    officeUnitId: 'vp-ubnd',
    lang: 'vi',
    sms: { senderId: 'UBNDTINH', monthlySpendLimitUsd: 300, maxPriceUsd: 0.1, manageAccountSettings: true },
    alarmEmail: 'dondoc-alarms@example.gov.vn',
    sendWindow: defaultSendWindow,
    logRetention: RetentionDays.ONE_YEAR,
    logLevel: 'INFO',
    retainData: true,
    auth: { mfaRequired: true, threatProtection: true, domainPrefix: 'dondoc-prod-tinhmau' },
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    sweepGraceMinutes: 30,
    smsPartsPerSecond: DEFAULT_SMS_PARTS_PER_SECOND,
    letterhead: letterhead('Tỉnh mẫu', 'Tỉnh mẫu'),
    reservedConcurrency: { dispatcher: 10, sweeper: 1 },
  },
};

/** The stage named by `-c stage=<name>`; an unknown name is an error that lists the known ones. */
export function resolveStage(name: unknown): StageConfig {
  if (typeof name !== 'string' || name.length === 0) {
    throw new Error(`Missing stage: pass -c stage=<name> (one of: ${Object.keys(stages).join(', ')})`);
  }
  const config = stages[name];
  if (!config) {
    throw new Error(`Unknown stage "${name}": expected one of ${Object.keys(stages).join(', ')}`);
  }
  return config;
}
