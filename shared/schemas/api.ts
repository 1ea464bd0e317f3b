import * as z from 'zod';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../domain/supported-range.ts';
import { channelSchema, idSchema, instantSchema, localDateSchema, supportedInstantSchema } from './common.ts';
import {
  assignmentSchema,
  calendarOverrideSchema,
  contactRoleSchema,
  contactSchema,
  deadlineRuleSchema,
  directiveSchema,
  extensionSchema,
  progressReportSchema,
  reminderSchema,
  taskSchema,
  unitKindSchema,
  unitSchema,
} from './entities.ts';
import { phoneSchema } from './phone.ts';
import { reminderPolicySchema, storedPolicySchema } from './policy.ts';

/**
 * Request and response bodies of the HTTP API. The route table (shared/api/routes.ts) points at
 * these; the same objects validate requests and generate /openapi.json (one source of truth).
 */

// ---- shared pieces -------------------------------------------------------------------------

/** Every list takes `limit` (1-100, default 50) and the opaque `cursor` of the previous page. */
export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict();

export const pageOf = <T extends z.core.$ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().optional() });

/** The stable machine codes of error replies (the console maps each to its Vietnamese and English text). */
export const errorCodeSchema = z.enum([
  'validation',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'conflict',
  'in-use',
  'has-reports',
  'gone',
  'payload-too-large',
  'unsupported-media-type',
  'too-many-requests',
  'internal',
]);

export const errorBodySchema = z
  .object({
    error: errorCodeSchema.optional().meta({
      description:
        'Set on every reply dondoc writes. Absent only on replies API Gateway writes before dondoc runs: 401 when its JWT authorizer refuses the token ("Unauthorized"), 413 over its 10 MB limit, 429 when the stage is throttled ("Too Many Requests"), 500/503 when the function cannot be reached. Tell those apart by status.',
    }),
    message: z.string().meta({ description: 'For people; not a contract (it may be reworded).' }),
    issues: z
      .array(z.object({ path: z.string(), rule: z.string() }))
      .optional()
      .meta({
        description:
          'On 400: every failing field (dotted path) and the rule it broke. On 409 `in-use` / `has-reports`: what blocks the change.',
      }),
  })
  .meta({ description: 'The body of every error reply.' });
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const idParamsSchema = z.object({ id: idSchema }).strict();
export const contactParamsSchema = z.object({ id: idSchema, contactId: idSchema }).strict();
export const policyParamsSchema = z.object({ name: reminderPolicySchema.shape.name }).strict();
export const extensionParamsSchema = z.object({ id: idSchema, eid: idSchema }).strict();
export const dateParamsSchema = z.object({ date: localDateSchema }).strict();

// ---- units and contacts -------------------------------------------------------------------

export const unitBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: unitKindSchema,
    parentId: z.nullable(idSchema).default(null),
  })
  .strict();
export const unitCreateSchema = unitBodySchema.extend({ id: z.optional(idSchema) }).strict();
export type UnitInput = z.output<typeof unitBodySchema>;

export const contactBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: contactRoleSchema,
    /** Typed as people type it (`0912 345 678`, `+84 912 345 678`); stored E.164. */
    phone: phoneSchema.optional(),
    email: z.email().max(254).optional(),
    channels: z.array(channelSchema).min(1).max(2).optional(),
  })
  .strict();
export const contactCreateSchema = contactBodySchema.extend({ id: z.optional(idSchema) }).strict();
export type ContactInput = z.output<typeof contactBodySchema>;

// ---- policies, directives, tasks ----------------------------------------------------------

/** The policy JSON format; the domain's `parsePolicy` adds its cross-field rules. */
export const policyBodySchema = reminderPolicySchema;

export const directiveBodySchema = z
  .object({
    number: z.string().trim().min(1).max(100),
    issuedOn: localDateSchema,
    issuer: z.string().trim().min(1).max(200),
    title: z.string().trim().min(1).max(1000),
  })
  .strict();
export const directiveCreateSchema = directiveBodySchema.extend({ id: z.optional(idSchema) }).strict();
export type DirectiveInput = z.output<typeof directiveBodySchema>;

/** One unit id or a list of them: each listed lead unit gets its own assignment. */
export const unitListSchema = z
  .union([idSchema, z.array(idSchema).min(1).max(200)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const taskBodySchema = z
  .object({
    title: z.string().trim().min(1).max(1000),
    due: deadlineRuleSchema,
    /** RFC 5545 RRULE, e.g. `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15`. */
    recurrence: z.string().min(1).max(500).optional(),
    /** A stored policy's name; `mac-dinh` (the default policy) when omitted. */
    policy: z.string().min(1).max(80).default('mac-dinh'),
    lead: unitListSchema,
    support: z.array(idSchema).max(200).default([]),
    urgent: z.boolean().default(false),
  })
  .strict();
export const taskCreateSchema = taskBodySchema.extend({ id: z.optional(idSchema) }).strict();
export const taskParamsSchema = z.object({ id: idSchema, taskId: idSchema }).strict();
export type TaskInput = z.output<typeof taskBodySchema>;
export type TaskCreateInput = z.output<typeof taskCreateSchema>;

export const taskWithAssignmentsSchema = z.object({
  task: taskSchema,
  assignments: z.array(assignmentSchema),
});

// ---- assignments --------------------------------------------------------------------------

export const assignmentStatusSchema = z.enum([
  'on-track',
  'due-soon',
  'behind-pace',
  'overdue',
  'done-on-time',
  'done-late',
]);

export const assignmentsQuerySchema = pageQuerySchema
  .extend({
    unit: z.optional(idSchema),
    /** A computed status, or the stored state `open` / `done`. */
    status: z.union([assignmentStatusSchema, z.enum(['open', 'done'])]).optional(),
    /** A date (before its start, local time) or an instant. */
    dueBefore: z
      .union([localDateSchema, supportedInstantSchema], {
        error: 'must be a date YYYY-MM-DD or an instant with an offset',
      })
      .optional(),
  })
  .strict();

export const assignmentViewSchema = z.object({
  ...assignmentSchema.shape,
  status: assignmentStatusSchema,
  reason: z.string(),
});
export const assignmentDetailSchema = assignmentViewSchema.extend({
  progressHistory: z.array(progressReportSchema),
  extensions: z.array(extensionSchema),
});

export const progressBodySchema = z
  .object({ percent: z.number().int().min(0).max(100), note: z.string().max(2000).default('') })
  .strict();
export const completeBodySchema = z.object({ note: z.string().max(2000).optional() }).strict();
export const extensionRequestSchema = z
  .object({
    /** A date (end of that day; a day off moves to the next working day) or an instant. */
    newDue: deadlineRuleSchema,
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();

// ---- calendar, reports, reminders, import -------------------------------------------------

export const overrideBodySchema = z.strictObject(calendarOverrideSchema.shape);
export const overridesQuerySchema = pageQuerySchema
  .extend({ year: z.coerce.number().int().min(FIRST_SUPPORTED_YEAR).max(LAST_SUPPORTED_YEAR).optional() })
  .strict();

export const complianceQuerySchema = z
  .object({ from: localDateSchema, to: localDateSchema, format: z.enum(['json', 'csv']).default('json') })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'must not be after `to`', path: ['from'] });

export const complianceRowSchema = z.object({
  unitId: idSchema,
  unitName: z.string(),
  assigned: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  overdue: z.number().int(),
  /** Open and not yet due. */
  open: z.number().int(),
  /** Assignments whose deadline was moved by an approved extension. */
  extended: z.number().int(),
  /** doneOnTime / (doneOnTime + doneLate + overdue); null when nothing is decided yet. */
  onTimeRate: z.number().min(0).max(1).nullable(),
  /** What became of the reminders about this unit's tasks logged in the period (shared/domain/delivery-figures.ts). */
  delivery: z.object({
    sent: z.number().int(),
    sms: z.number().int(),
    email: z.number().int(),
    /** SMS the phone acknowledged ("đã nhận"). */
    delivered: z.number().int(),
    failed: z.number().int(),
    fellBackToEmail: z.number().int(),
    reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  }),
});
export const complianceReportSchema = z.object({
  from: localDateSchema,
  to: localDateSchema,
  generatedAt: instantSchema,
  units: z.array(complianceRowSchema),
});
export type ComplianceReport = z.infer<typeof complianceReportSchema>;

export const remindersQuerySchema = pageQuerySchema.extend({ assignment: idSchema }).strict();
export const importQuerySchema = z.object({ mode: z.enum(['create', 'upsert']).default('create') }).strict();
export const importResultSchema = z.object({
  mode: z.enum(['create', 'upsert']),
  created: z.record(z.string(), z.number().int()),
  updated: z.record(z.string(), z.number().int()),
  unchanged: z.record(z.string(), z.number().int()),
  transactions: z.number().int(),
});

export const healthSchema = z.object({ status: z.literal('ok'), stage: z.string(), time: instantSchema });

export {
  assignmentSchema,
  calendarOverrideSchema,
  contactSchema,
  directiveSchema,
  extensionSchema,
  progressReportSchema,
  reminderSchema,
  storedPolicySchema,
  taskSchema,
  unitSchema,
};
