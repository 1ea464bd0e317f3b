import { createHash } from 'node:crypto';

/** What an AWS resource name may look like: its longest length and the class of characters it allows. */
export interface NameRule {
  maxLength: number;
  /** A character class of the allowed characters, e.g. `0-9A-Za-z_.-`. */
  allowed: string;
}

/** EventBridge Scheduler schedule names: 1-64 characters of `[0-9a-zA-Z-_.]`. */
export const scheduleNameRule: NameRule = { maxLength: 64, allowed: '0-9A-Za-z_.-' };

/** SNS standard topic names: 1-256 characters of `[A-Za-z0-9_-]`. */
export const topicNameRule: NameRule = { maxLength: 256, allowed: '0-9A-Za-z_-' };

const HASH_LENGTH = 16;

/**
 * A deterministic, injective AWS name for `raw`: `raw` itself when the rule allows it, otherwise
 * `raw` with disallowed characters replaced by `-`, cut to fit, plus a hash of the whole of `raw`
 * (so `a.b` and `a-b` never share a topic, and two long ids with the same start never share a schedule).
 */
export function resourceName(raw: string, rule: NameRule): string {
  const valid = new RegExp(`^[${rule.allowed}]{1,${rule.maxLength}}$`);
  if (valid.test(raw)) return raw;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, HASH_LENGTH);
  const cleaned = raw.replace(new RegExp(`[^${rule.allowed}]`, 'g'), '-');
  return `${cleaned.slice(0, rule.maxLength - HASH_LENGTH - 1)}-${hash}`;
}

/** The default prefix of an assignment's check schedule (`check-<assignmentId>`). */
export const CHECK_SCHEDULE_PREFIX = 'check-';

/**
 * The schedule name of an assignment, on AWS and in the local runtime alike: deterministic, within
 * Scheduler's 64 characters of `[0-9a-zA-Z-_.]`.
 */
export function scheduleName(namePrefix: string, assignmentId: string): string {
  return resourceName(`${namePrefix}${assignmentId}`, scheduleNameRule);
}

/**
 * The SNS topic of one contact's email: `<prefix><unitId>.<contactId>` made a topic name, i.e.
 * `dondoc-prod-contact-so-noi-vu-gd-<hash>` (the `.` keeps unit `a-b` + contact `c` apart from
 * unit `a` + contact `b-c`; `resourceName` replaces it and adds the hash that keeps names distinct).
 */
export function contactTopicName(prefix: string, owner: { unitId: string; contactId: string }): string {
  return resourceName(`${prefix}${owner.unitId}.${owner.contactId}`, topicNameRule);
}
