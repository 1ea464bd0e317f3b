import type * as z from 'zod/mini';
import { ValidationError } from '../errors.ts';
import { type ReminderPolicy, reminderPolicySchema } from '../schemas/policy.ts';

export type { Audience, PolicyStep, ReminderPolicy } from '../schemas/policy.ts';

/**
 * `mac-dinh` (default): email a week ahead, email + SMS the working day before, SMS on the day,
 * then every other working day for four sends after the deadline, and at +10 working days the
 * parent unit's head is told too (escalation up the administrative chain).
 */
export const defaultPolicy: ReminderPolicy = {
  name: 'mac-dinh',
  sendAt: '08:00',
  quietHours: { start: '21:00', end: '07:00' },
  smsDiacritics: 'strip',
  steps: [
    { offset: '-5wd', times: 1, channels: ['email'], to: ['unit'] },
    { offset: '-1wd', times: 1, channels: ['email', 'sms'], to: ['unit'] },
    { offset: '0wd', times: 1, channels: ['sms'], to: ['unit'] },
    { offset: '+1wd', repeatEvery: '2wd', times: 4, channels: ['sms', 'email'], to: ['unit'] },
    { offset: '+10wd', times: 1, channels: ['sms', 'email'], to: ['unit', 'parent'] },
  ],
};

function describe(issues: z.core.$ZodIssue[]): { path: string; rule: string }[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(policy)',
    rule: issue.message,
  }));
}

/**
 * Parses a reminder policy (already JSON-decoded). Throws ValidationError whose issues name each
 * field path (`steps.3.repeatEvery`) and the rule it broke, so an administrator can fix the file.
 */
export function parsePolicy(json: unknown): ReminderPolicy {
  const result = reminderPolicySchema.safeParse(json);
  if (result.success) return result.data;
  const issues = describe(result.error.issues);
  const summary = issues.map((i) => `${i.path}: ${i.rule}`).join('; ');
  throw new ValidationError(`invalid reminder policy: ${summary}`, issues);
}

export type OffsetUnit = 'wd' | 'd' | 'h';

export interface Offset {
  count: number;
  unit: OffsetUnit;
}

/** `-5wd` -> { count: -5, unit: 'wd' }. The text is already validated by the schema. */
export function parseOffset(text: string): Offset {
  const match = /^([+-]?\d+)(wd|d|h)$/.exec(text);
  if (!match) throw new RangeError(`not an offset: ${text}`);
  return { count: Number(match[1]), unit: match[2] as OffsetUnit };
}
