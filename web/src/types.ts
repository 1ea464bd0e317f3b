import type * as z from 'zod';
import type {
  assignmentDetailSchema,
  assignmentViewSchema,
  complianceReportSchema,
  storedPolicySchema,
  taskWithAssignmentsSchema,
} from '../../shared/schemas/api.ts';
import type { letterSchema, letterSummarySchema } from '../../shared/schemas/letters.ts';

/** The API's bodies as the console reads them (types from the same zod schemas). */
export type AssignmentView = z.infer<typeof assignmentViewSchema>;
export type AssignmentDetail = z.infer<typeof assignmentDetailSchema>;
export type ComplianceReport = z.infer<typeof complianceReportSchema>;
export type StoredPolicy = z.infer<typeof storedPolicySchema>;
export type TaskWithAssignments = z.infer<typeof taskWithAssignmentsSchema>;
/** A drafted letter as `GET /letters` lists it, and as `GET /letters/{id}` gives it. */
export type LetterSummary = z.infer<typeof letterSummarySchema>;
export type Letter = z.infer<typeof letterSchema>;
export type {
  CalendarOverride,
  Contact,
  Directive,
  Extension,
  ProgressReport,
  Reminder,
  Task,
  Unit,
} from '../../shared/schemas/entities.ts';
