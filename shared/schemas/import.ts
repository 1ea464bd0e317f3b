import * as z from 'zod';
import { contactBodySchema, directiveBodySchema, taskCreateSchema, unitBodySchema } from './api.ts';
import { idSchema, instantSchema } from './common.ts';
import { deadlineRuleSchema } from './entities.ts';
import { reminderPolicySchema } from './policy.ts';

/**
 * The import document: what `POST /import`, `dondoc seed` and `dondoc simulate` read. Field
 * names are the API's. Reference checks (unknown parent, unit, lead, support, policy; parent
 * cycles; duplicate ids) are done by the `importDocument` use case, which names the path
 * (`directives[0].tasks[2].lead[1]`).
 */

export const importUnitSchema = unitBodySchema.extend({ id: idSchema }).strict();

export const importContactSchema = contactBodySchema.extend({ id: idSchema, unitId: idSchema }).strict();

/** The API's task body with a required id (a policy name from this document or the store). */
export const importTaskSchema = taskCreateSchema.extend({ id: idSchema }).strict();

export const importDirectiveSchema = directiveBodySchema
  .extend({ id: idSchema, tasks: z.array(importTaskSchema).max(1000).default([]) })
  .strict();

/**
 * A scripted event of `dondoc simulate` on an assignment, applied through the same use cases at
 * `at`. It names the assignment by id, or by `task` + `unit` (the task's assignment for that unit
 * that is open and due first at that time).
 */
export const assignmentEventSchema = z
  .object({
    at: instantSchema,
    type: z.enum(['progress', 'complete', 'acknowledge', 'extension']),
    assignment: z.optional(idSchema),
    task: z.optional(idSchema),
    unit: z.optional(idSchema),
    percent: z.number().int().min(0).max(100).optional(),
    note: z.string().max(2000).optional(),
    newDue: z.optional(deadlineRuleSchema),
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
export type AssignmentEvent = z.infer<typeof assignmentEventSchema>;

/**
 * A task created mid-period (what-if runs with late-created tasks): at `at`, the `task`, in the
 * same shape as a directive's task in this document, is added to `directive` (one of the
 * document's), as `POST /directives/{directive}/tasks` would.
 */
export const taskEventSchema = z
  .object({ at: instantSchema, type: z.literal('task'), directive: idSchema, task: importTaskSchema })
  .strict();

const EVENT_TYPES = [...assignmentEventSchema.shape.type.options, 'task'].join(', ');

/** One scripted event of `dondoc simulate`: on an assignment, or a new task. */
export const simulationEventSchema = z.discriminatedUnion('type', [assignmentEventSchema, taskEventSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${EVENT_TYPES}` : undefined),
});
export type SimulationEvent = z.infer<typeof simulationEventSchema>;
/** As written in the document (a task's defaults not applied yet): what `simulate` and the demo apply. */
export type SimulationEventInput = z.input<typeof simulationEventSchema>;

export const importDocumentSchema = z
  .object({
    /** Editors' convenience; ignored. */
    $schema: z.string().optional(),
    units: z.array(importUnitSchema).max(5000).default([]),
    contacts: z.array(importContactSchema).max(20000).default([]),
    policies: z.array(reminderPolicySchema).max(200).default([]),
    directives: z.array(importDirectiveSchema).max(2000).default([]),
    /** Applied by `dondoc simulate` only; `POST /import` and `dondoc seed` check them and apply none. */
    events: z.array(simulationEventSchema).optional(),
  })
  .strict();
export type ImportDocument = z.output<typeof importDocumentSchema>;
export type ImportDocumentInput = z.input<typeof importDocumentSchema>;
