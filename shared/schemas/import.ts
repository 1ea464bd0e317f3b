import { z } from 'zod';
import { channelSchema, idSchema, instantSchema, localDateSchema } from './common.ts';
import { contactRoleSchema, deadlineRuleSchema, unitKindSchema } from './entities.ts';
import { phoneSchema } from './phone.ts';
import { reminderPolicySchema } from './policy.ts';

/**
 * The import document: what `POST /import`, `dondoc seed` and `dondoc simulate` read. Field
 * names are the API's. Reference checks (unknown parent, unit, lead, support, policy; parent
 * cycles; duplicate ids) are done by the `importDocument` use case, which names the path
 * (`directives[0].tasks[2].lead[1]`).
 */

export const importUnitSchema = z
  .object({
    id: idSchema,
    name: z.string().trim().min(1).max(200),
    kind: unitKindSchema,
    parentId: idSchema.nullable().default(null),
  })
  .strict();

export const importContactSchema = z
  .object({
    id: idSchema,
    unitId: idSchema,
    name: z.string().trim().min(1).max(200),
    role: contactRoleSchema,
    phone: phoneSchema.optional(),
    email: z.email().max(254).optional(),
    channels: z.array(channelSchema).min(1).max(2).optional(),
  })
  .strict();

export const importTaskSchema = z
  .object({
    id: idSchema,
    title: z.string().trim().min(1).max(1000),
    /** `YYYY-MM-DD`, an ISO date-time, or `{ "workingDays": N, "after": "YYYY-MM-DD" }`. */
    due: deadlineRuleSchema,
    /** A policy name (from this document or the store); `mac-dinh` when omitted. */
    policy: z.string().min(1).max(80).default('mac-dinh'),
    /** A unit id or a list of them; each gets its own assignment. */
    lead: z
      .union([idSchema, z.array(idSchema).min(1).max(200)])
      .transform((v) => (Array.isArray(v) ? v : [v])),
    /** Recorded and told, not chased. */
    support: z.array(idSchema).max(200).default([]),
    recurrence: z.string().min(1).max(500).optional(),
    urgent: z.boolean().default(false),
  })
  .strict();

export const importDirectiveSchema = z
  .object({
    id: idSchema,
    number: z.string().trim().min(1).max(100),
    issuedOn: localDateSchema,
    issuer: z.string().trim().min(1).max(200),
    title: z.string().trim().min(1).max(1000),
    tasks: z.array(importTaskSchema).max(1000).default([]),
  })
  .strict();

/**
 * One scripted event of `dondoc simulate`, applied through the same use cases at `at`. It names
 * an assignment by id, or by `task` + `unit` (the task's assignment for that unit that is open
 * and due first at that time).
 */
export const simulationEventSchema = z
  .object({
    at: instantSchema,
    type: z.enum(['progress', 'complete', 'acknowledge', 'extension']),
    assignment: idSchema.optional(),
    task: idSchema.optional(),
    unit: idSchema.optional(),
    percent: z.number().int().min(0).max(100).optional(),
    note: z.string().max(2000).optional(),
    newDue: deadlineRuleSchema.optional(),
    reason: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.assignment === undefined && (e.task === undefined || e.unit === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['assignment'],
        message: 'required unless both task and unit are given',
      });
    }
    if (e.type === 'progress' && e.percent === undefined) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'required for a progress event' });
    }
    if (e.type === 'extension' && e.newDue === undefined) {
      ctx.addIssue({ code: 'custom', path: ['newDue'], message: 'required for an extension event' });
    }
    if (e.type === 'extension' && e.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required for an extension event' });
    }
  });
export type SimulationEvent = z.infer<typeof simulationEventSchema>;

export const importDocumentSchema = z
  .object({
    /** Editors' convenience; ignored. */
    $schema: z.string().optional(),
    units: z.array(importUnitSchema).max(5000).default([]),
    contacts: z.array(importContactSchema).max(20000).default([]),
    policies: z.array(reminderPolicySchema).max(200).default([]),
    directives: z.array(importDirectiveSchema).max(2000).default([]),
    /** Read by `dondoc simulate` only; `POST /import` and `dondoc seed` ignore it. */
    events: z.array(simulationEventSchema).optional(),
  })
  .strict();
export type ImportDocument = z.output<typeof importDocumentSchema>;
export type ImportDocumentInput = z.input<typeof importDocumentSchema>;
