import * as z from 'zod/mini';
import { channelSchema, idSchema, instantSchema, localDateSchema, supportedInstantSchema } from './common.ts';

/**
 * The stored entities of DESIGN.md's domain words. Instants are UTC ISO strings; every
 * mutable entity carries `version` for optimistic locking (a stale write is a ConflictError).
 */

const stored = {
  version: z.number().check(z.int(), z.nonnegative()),
  createdAt: instantSchema,
  updatedAt: instantSchema,
};

export const unitKindSchema = z.enum([
  'office',
  'department',
  'district',
  'commune',
  'agency',
  'association',
]);

/** đơn vị */
export const unitSchema = z.object({
  id: idSchema,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: unitKindSchema,
  parentId: z.nullable(idSchema),
  /**
   * Releases before per-contact topics: the unit's shared email topic. Nothing publishes to it any
   * more; `dondoc migrate-email-topics` moves its addresses to their own topics and removes it.
   */
  emailTopicArn: z.optional(z.string()),
  ...stored,
});
export type Unit = z.infer<typeof unitSchema>;

export const contactRoleSchema = z.enum(['head', 'focal']);
export const emailStatusSchema = z.enum(['none', 'pending', 'confirmed']);

/** thủ trưởng / cán bộ đầu mối */
export const contactSchema = z.object({
  id: idSchema,
  unitId: idSchema,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  role: contactRoleSchema,
  /** E.164, e.g. +84912345678 */
  phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/))),
  email: z.optional(z.email()),
  channels: z._default(z.array(channelSchema), ['sms', 'email']),
  emailStatus: z._default(emailStatusSchema, 'none'),
  /** The contact's own SNS topic (their address its one subscription): an email to it reaches them only. */
  emailTopicArn: z.optional(z.string()),
  subscriptionArn: z.optional(z.string()),
  ...stored,
});
export type Contact = z.infer<typeof contactSchema>;

/** văn bản chỉ đạo */
export const directiveSchema = z.object({
  id: idSchema,
  number: z.string().check(z.minLength(1), z.maxLength(100)),
  issuedOn: localDateSchema,
  issuer: z.string().check(z.minLength(1), z.maxLength(200)),
  title: z.string().check(z.minLength(1), z.maxLength(1000)),
  ...stored,
});
export type Directive = z.infer<typeof directiveSchema>;

/** A deadline: a date (end of that local day), an instant, or N working days after a date. */
export const deadlineRuleSchema = z.union(
  [
    localDateSchema,
    supportedInstantSchema,
    z.strictObject({
      workingDays: z.number().check(z.int(), z.minimum(0), z.maximum(1000)),
      after: localDateSchema,
    }),
  ],
  {
    error:
      'must be a date YYYY-MM-DD, an instant with an offset, or { "workingDays": N, "after": "YYYY-MM-DD" }',
  },
);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/** nhiệm vụ */
export const taskSchema = z.object({
  id: idSchema,
  directiveId: idSchema,
  title: z.string().check(z.minLength(1), z.maxLength(1000)),
  due: deadlineRuleSchema,
  /** RFC 5545 RRULE; each occurrence becomes one assignment per lead unit. */
  recurrence: z.optional(z.string().check(z.maxLength(500))),
  /** Name of a stored reminder policy. */
  policy: z.string().check(z.minLength(1), z.maxLength(80)),
  lead: z.array(idSchema).check(z.minLength(1)),
  support: z._default(z.array(idSchema), []),
  /** hỏa tốc: reminders may go during quiet hours. */
  urgent: z._default(z.boolean(), false),
  ...stored,
});
export type Task = z.infer<typeof taskSchema>;

export const assignmentStateSchema = z.enum(['open', 'done']);

/** giao nhiệm vụ: one task, one unit, one occurrence. */
export const assignmentSchema = z.object({
  id: idSchema,
  taskId: idSchema,
  directiveId: idSchema,
  unitId: idSchema,
  /** Occurrence key: the occurrence's local date for recurring tasks, `once` otherwise. */
  occurrence: z.string(),
  title: z.string(),
  policy: z.string(),
  urgent: z.boolean(),
  /** When the unit was given the task (start of the pace computation). */
  assignedAt: instantSchema,
  /** The deadline in force (after approved extensions). */
  dueAt: instantSchema,
  /** The deadline as first set; kept for the scorecard. */
  originalDueAt: instantSchema,
  state: assignmentStateSchema,
  progress: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
  lastProgressAt: z.optional(instantSchema),
  acknowledgedAt: z.optional(instantSchema),
  completedAt: z.optional(instantSchema),
  /** Bumped whenever something the reminder plan depends on changes; stale schedule fires carry an older one. */
  planVersion: z.number().check(z.int(), z.nonnegative()),
  /** The next instant the dispatcher must look at this assignment; absent once closed. */
  nextCheckAt: z.optional(instantSchema),
  ...stored,
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** báo cáo tiến độ */
export const progressReportSchema = z.object({
  assignmentId: idSchema,
  at: instantSchema,
  percent: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
  note: z._default(z.string().check(z.maxLength(2000)), ''),
  by: z.string(),
});
export type ProgressReport = z.infer<typeof progressReportSchema>;

/** gia hạn */
export const extensionSchema = z.object({
  id: idSchema,
  assignmentId: idSchema,
  requestedAt: instantSchema,
  requestedBy: z.string(),
  newDueAt: instantSchema,
  reason: z.string().check(z.minLength(1), z.maxLength(2000)),
  state: z.enum(['requested', 'approved', 'rejected']),
  decidedAt: z.optional(instantSchema),
  decidedBy: z.optional(z.string()),
  ...stored,
});
export type Extension = z.infer<typeof extensionSchema>;

export const reminderOutcomeSchema = z.enum(['pending', 'sent', 'failed', 'held', 'skipped']);

/**
 * nhắc việc: one (step, send, channel, recipient) of one assignment; written with a
 * conditional put before publishing, so each is sent at most once.
 */
export const reminderSchema = z.object({
  assignmentId: idSchema,
  /** `v${planVersion}#${step}#${send}#${channel}#${recipient}` — the idempotency key (a new plan, e.g. after an extension, sends afresh). */
  key: z.string(),
  step: z.number().check(z.int(), z.nonnegative()),
  send: z.number().check(z.int(), z.positive()),
  channel: channelSchema,
  /** Contact id (sms) or unit id (email to the unit's topic). */
  recipient: z.string(),
  unitId: idSchema,
  plannedAt: instantSchema,
  at: instantSchema,
  outcome: reminderOutcomeSchema,
  /** Why, for held/skipped/failed or an email sent by SMS instead. */
  detail: z.optional(z.string()),
  messageId: z.optional(z.string()),
  segments: z.optional(z.number().check(z.int(), z.nonnegative())),
  text: z.optional(z.string()),
  attempts: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  /** The carrier's receipt of an SMS (SNS delivery-status logs), matched by `messageId`. */
  delivery: z.optional(
    z.object({
      status: z.enum(['carrier', 'delivered', 'failed']),
      at: instantSchema,
      detail: z.optional(z.string()),
      carrier: z.optional(z.string()),
      permanent: z.optional(z.boolean()),
    }),
  ),
});
export type Reminder = z.infer<typeof reminderSchema>;

/** An administrator's change to the working-day calendar. */
export const calendarOverrideSchema = z.object({
  date: localDateSchema,
  /** `off`: an extra day off; `working`: a swapped working day (e.g. a Saturday). */
  kind: z.enum(['off', 'working']),
  reason: z.string().check(z.minLength(1), z.maxLength(300)),
});
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;
