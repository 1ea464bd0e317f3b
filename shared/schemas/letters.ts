import * as z from 'zod';
import { idSchema } from './common.ts';

/** `POST /letters`: the overdue assignments to list (named, or all of a directive / of units). */
export const letterRequestSchema = z
  .object({
    assignmentIds: z.array(idSchema).min(1, 'must name at least one assignment').max(500).optional(),
    directiveId: idSchema.optional(),
    unitIds: z.array(idSchema).min(1, 'must name at least one unit').max(200).optional(),
  })
  .strict();

const letterItemSchema = z.object({
  unitName: z.string(),
  taskTitle: z.string(),
  dueAt: z.string(),
  status: z.string(),
  daysOverdue: z.number().int(),
});

export const letterSummarySchema = z.object({
  id: idSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  subject: z.string(),
  units: z.number().int(),
  items: z.number().int(),
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
export const letterheadSchema = z
  .object({
    issuer: z.string().min(1).max(200),
    symbol: z.string().regex(/^[\p{Lu}\d]+(-[\p{Lu}\d]+)*$/u, 'must be an upper-case symbol like UBND-VP'),
    place: z.string().min(1).max(100),
    signerTitle: z.string().min(1).max(200),
    signerName: z.string().max(100).optional(),
    archive: z.string().min(1).max(100).default('Lưu: VT.'),
  })
  .strict();
