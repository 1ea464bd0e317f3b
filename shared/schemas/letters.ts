import * as z from 'zod/mini';
import { idSchema } from './common.ts';

/** `POST /letters`: the overdue assignments to list (named, or all of a directive / of units). */
export const letterRequestSchema = z.strictObject({
  assignmentIds: z.optional(
    z.array(idSchema).check(z.minLength(1, 'must name at least one assignment'), z.maxLength(500)),
  ),
  directiveId: z.optional(idSchema),
  unitIds: z.optional(
    z.array(idSchema).check(z.minLength(1, 'must name at least one unit'), z.maxLength(200)),
  ),
});

const letterItemSchema = z.object({
  unitName: z.string(),
  taskTitle: z.string(),
  dueAt: z.string(),
  status: z.string(),
  daysOverdue: z.number().check(z.int()),
});

export const letterSummarySchema = z.object({
  id: idSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  subject: z.string(),
  units: z.number().check(z.int()),
  items: z.number().check(z.int()),
});

export const letterSchema = z.object({
  id: idSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  assignmentIds: z.array(idSchema),
  /** Relative to the API root: `GET` it for the DOCX. */
  download: z.string(),
  letter: z.object({
    placeAndDate: z.string(),
    number: z.string(),
    subject: z.string(),
    recipients: z.array(z.string()),
    opening: z.string(),
    items: z.array(letterItemSchema),
    closing: z.string(),
    copies: z.array(z.string()),
  }),
});

/** The stage's letterhead (`LETTERHEAD`, JSON): see `Letterhead` in #domain/letter. */
export const letterheadSchema = z.strictObject({
  issuer: z.string().check(z.minLength(1), z.maxLength(200)),
  symbol: z
    .string()
    .check(z.regex(/^[\p{Lu}\d]+(-[\p{Lu}\d]+)*$/u, 'must be an upper-case symbol like UBND-VP')),
  place: z.string().check(z.minLength(1), z.maxLength(100)),
  signerTitle: z.string().check(z.minLength(1), z.maxLength(200)),
  signerName: z.optional(z.string().check(z.maxLength(100))),
  archive: z._default(z.string().check(z.minLength(1), z.maxLength(100)), 'Lưu: VT.'),
});
