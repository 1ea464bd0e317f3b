import * as z from 'zod';
import { channelSchema, idSchema } from './common.ts';

/** The code in a link's path; a malformed one is answered like an unknown one (no 400 detail). */
export const linkCodeParamsSchema = z.object({ code: z.string().max(200) }).strict();
export const linkItemParamsSchema = z.object({ code: z.string().max(200), id: idSchema }).strict();
export const linkIdParamsSchema = z
  .object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'must be a link id (64 hex characters)') })
  .strict();

/** What the page's forms post (`application/x-www-form-urlencoded`). */
export const linkFormSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), item: idSchema }),
  z.object({
    action: z.literal('progress'),
    item: idSchema,
    percent: z.coerce.number().int().min(0).max(100),
    note: z.string().max(2000).optional(),
  }),
  z.object({ action: z.literal('complete'), item: idSchema, note: z.string().max(2000).optional() }),
]);

export const mintLinkBodySchema = z
  .object({
    unitId: idSchema,
    contactId: idSchema,
    assignmentIds: z.array(idSchema).min(1, 'must name at least one assignment').max(50),
  })
  .strict();

export const personalLinkSchema = z.object({
  id: z.string(),
  unitId: idSchema,
  contactId: idSchema,
  assignmentIds: z.array(idSchema),
  channel: z.optional(channelSchema),
  createdAt: z.string(),
  createdBy: z.string(),
  validUntil: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
});

export const linkActionSchema = z.object({
  linkId: z.string(),
  at: z.string(),
  assignmentId: idSchema,
  action: z.enum(['acknowledge', 'progress', 'complete']),
  contactId: idSchema,
  contactName: z.string(),
  via: z.literal('qua liên kết'),
  percent: z.number().int().optional(),
  note: z.string().optional(),
});

/** What a link shows through its JSON API: the contact's own items, nothing else. */
export const linkViewSchema = z.object({
  contact: z.object({ id: idSchema, name: z.string() }),
  unit: z.object({ id: idSchema, name: z.string() }),
  validUntil: z.string(),
  items: z.array(
    z.object({
      id: idSchema,
      title: z.string(),
      dueAt: z.string(),
      state: z.enum(['open', 'done']),
      status: z.string(),
      progress: z.number().int(),
      acknowledgedAt: z.string().optional(),
    }),
  ),
});
