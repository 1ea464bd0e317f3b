import * as z from 'zod/mini';
import { isLocalDate } from '../domain/local-time.ts';
import {
  FIRST_SUPPORTED_DATE,
  isSupportedInstant,
  LAST_SUPPORTED_DATE,
  SUPPORTED_RANGE_RULE,
} from '../domain/supported-range.ts';
import './zod-locale.ts';

/**
 * The schemas the engine functions share are written with `zod/mini`: the same zod core, checks
 * and messages as `zod`, without the chained methods, so the planner, dispatcher, sweeper and
 * receipts bundles do not carry (and build at every cold start) the full API. The HTTP API's
 * own schemas (api.ts) use `zod` and take these as they are.
 */

/** Caller-chosen slug (`so-noi-vu`, `276-ubnd-ncpc`) or a generated ULID. */
export const idSchema = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/,
      'must be a slug of letters, digits, ".", "_" or "-" (max 80)',
    ),
  );

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is rejected) inside the supported range. */
export const localDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true }),
  z.refine((s) => s >= FIRST_SUPPORTED_DATE && s <= LAST_SUPPORTED_DATE, {
    message: SUPPORTED_RANGE_RULE,
    abort: true,
  }),
  z.refine(isLocalDate, 'must be a real calendar date'),
  z.meta({
    format: 'date',
    description: `A date YYYY-MM-DD from ${FIRST_SUPPORTED_DATE} to ${LAST_SUPPORTED_DATE}`,
  }),
);

/** An instant with an explicit offset or Z, e.g. `2026-04-24T17:00:00+07:00`; stored as UTC ISO. */
export const instantSchema = z.iso.datetime({ offset: true });

/** An instant a caller gives (a deadline, a filter): its local date must be in the supported range. */
export const supportedInstantSchema = z.iso.datetime({ offset: true, abort: true }).check(
  z.refine((s) => isSupportedInstant(new Date(s)), SUPPORTED_RANGE_RULE),
  z.meta({
    description: `An instant with an offset, e.g. 2026-04-24T17:00:00+07:00, local date from ${FIRST_SUPPORTED_DATE} to ${LAST_SUPPORTED_DATE}`,
  }),
);

/** Local wall-clock time `HH:MM` (Asia/Ho_Chi_Minh). */
export const localTimeSchema = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (00:00-23:59)'));

export const channelSchema = z.enum(['sms', 'email']);
export type Channel = z.infer<typeof channelSchema>;
