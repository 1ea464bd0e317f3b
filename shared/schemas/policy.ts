import * as z from 'zod/mini';
import { isQuietMinute } from '../domain/local-time.ts';
import { type Channel, channelSchema, instantSchema, localTimeSchema } from './common.ts';

/**
 * chính sách nhắc việc — the reminder-policy JSON format (issue #2). Offsets count from the
 * deadline: `wd` working days, `d` calendar days, `h` hours, signed (`-5wd`, `0wd`, `+1wd`).
 * Every rejection names the field path and the rule it broke (see `parsePolicy` in #domain/policy).
 */
export const offsetSchema = z
  .string()
  .check(
    z.regex(/^[+-]?\d{1,3}(wd|d|h)$/, 'must be a signed count of wd, d or h, e.g. -5wd, +1wd, 0wd, -4h'),
  );

/** The gap between two sends of one step: strictly positive, so repeats move forward in time. */
export const repeatSchema = z
  .string()
  .check(z.regex(/^\+?0*[1-9]\d{0,2}(wd|d|h)$/, 'must be a positive count of wd, d or h, e.g. 2wd, 1d, 12h'));

export const audienceSchema = z.enum(['unit', 'parent', 'office']);
export type Audience = z.infer<typeof audienceSchema>;

function unique<T>(label: string) {
  return z.superRefine((items: T[], ctx) => {
    if (new Set(items).size !== items.length)
      ctx.addIssue({ code: 'custom', message: `must not repeat a ${label}` });
  });
}

export const policyStepSchema = z
  .strictObject({
    offset: offsetSchema,
    repeatEvery: z.optional(repeatSchema),
    times: z._default(
      z.number().check(z.int(), z.minimum(1, 'must be at least 1'), z.maximum(50, 'must be at most 50')),
      1,
    ),
    channels: z
      .array(channelSchema)
      .check(z.minLength(1, 'must name at least one channel'), unique<Channel>('channel')),
    to: z
      .array(audienceSchema)
      .check(z.minLength(1, 'must name at least one audience'), unique<Audience>('audience')),
    /** Also draft the formal reminder letter (văn bản đôn đốc), typically on the last escalation. */
    letter: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((step, ctx) => {
      if (step.letter && !/^\+?0*[1-9]/.test(step.offset)) {
        ctx.addIssue({
          code: 'custom',
          path: ['letter'],
          message: 'needs a step after the deadline (offset +1 or more): a letter lists overdue tasks',
        });
      }
      if (step.times > 1 && !step.repeatEvery) {
        ctx.addIssue({ code: 'custom', path: ['repeatEvery'], message: 'is required when times > 1' });
      }
    }),
  );
export type PolicyStep = z.infer<typeof policyStepSchema>;

/** `HH:MM` as minutes, without throwing: the policy's checks also run when a time failed its format. */
function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Whether a local time falls in the quiet hours [start, end), which may wrap past midnight. */
export function inQuietHours(time: string, quiet: { start: string; end: string }): boolean {
  return isQuietMinute(minutes(time), minutes(quiet.start), minutes(quiet.end));
}

export const quietHoursSchema = z.strictObject({ start: localTimeSchema, end: localTimeSchema }).check(
  z.superRefine((q, ctx) => {
    if (q.start === q.end)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must differ from quietHours.start' });
  }),
);

export const reminderPolicySchema = z
  .strictObject({
    name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be a lower-case slug')),
    sendAt: z._default(localTimeSchema, '08:00'),
    quietHours: z._default(quietHoursSchema, { start: '21:00', end: '07:00' }),
    smsDiacritics: z._default(z.enum(['strip', 'keep']), 'strip'),
    steps: z
      .array(policyStepSchema)
      .check(z.minLength(1, 'must have at least one step'), z.maxLength(50, 'must have at most 50 steps')),
  })
  .check(
    z.superRefine((policy, ctx) => {
      if (inQuietHours(policy.sendAt, policy.quietHours)) {
        const { start, end } = policy.quietHours;
        ctx.addIssue({
          code: 'custom',
          path: ['sendAt'],
          message: `must be outside quiet hours (${start}-${end})`,
        });
      }
    }),
  );
export type ReminderPolicy = z.infer<typeof reminderPolicySchema>;

/** A policy as stored: the format plus its version and stamps. */
export const storedPolicySchema = z.extend(reminderPolicySchema, {
  version: z.number().check(z.int()),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
