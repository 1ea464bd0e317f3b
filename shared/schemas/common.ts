import * as z from 'zod';

/** Caller-chosen slug (`so-noi-vu`, `276-ubnd-ncpc`) or a generated ULID. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'must be a slug of letters, digits, ".", "_" or "-" (max 80)');

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is rejected). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date');

/** An instant with an explicit offset or Z, e.g. `2026-04-24T17:00:00+07:00`; stored as UTC ISO. */
export const instantSchema = z.iso.datetime({ offset: true });

/** Local wall-clock time `HH:MM` (Asia/Ho_Chi_Minh). */
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (00:00-23:59)');

export const channelSchema = z.enum(['sms', 'email']);
export type Channel = z.infer<typeof channelSchema>;
