import { z } from 'zod';
import { channelSchema, localTimeSchema } from './common.ts';

/**
 * chính sách nhắc việc — the reminder-policy JSON format (issue #2). Offsets count from the
 * deadline: `wd` working days, `d` calendar days, `h` hours, signed (`-5wd`, `0wd`, `+1wd`).
 * NOTE: owned by the domain core; refinements (sendAt outside quiet hours, ...) live here.
 */
export const offsetSchema = z.string().regex(/^[+-]?\d{1,3}(wd|d|h)$/, 'must be a signed count of wd, d or h, e.g. -5wd, +1wd, 0wd, -4h');

export const audienceSchema = z.enum(['unit', 'parent', 'office']);
export type Audience = z.infer<typeof audienceSchema>;

export const policyStepSchema = z
  .object({
    offset: offsetSchema,
    repeatEvery: offsetSchema.optional(),
    times: z.number().int().min(1).max(50).default(1),
    channels: z.array(channelSchema).min(1),
    to: z.array(audienceSchema).min(1),
  })
  .strict();
export type PolicyStep = z.infer<typeof policyStepSchema>;

export const reminderPolicySchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be a lower-case slug'),
    sendAt: localTimeSchema.default('08:00'),
    quietHours: z.object({ start: localTimeSchema, end: localTimeSchema }).strict().default({ start: '21:00', end: '07:00' }),
    smsDiacritics: z.enum(['strip', 'keep']).default('strip'),
    steps: z.array(policyStepSchema).min(1).max(50),
  })
  .strict();
export type ReminderPolicy = z.infer<typeof reminderPolicySchema>;
