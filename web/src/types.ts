import type * as z from 'zod';
import type {
  assignmentDetailSchema,
  assignmentViewSchema,
  complianceReportSchema,
  storedPolicySchema,
  taskWithAssignmentsSchema,
} from '../../shared/schemas/api.ts';

/** The API's bodies as the console reads them (types from the same zod schemas). */
export type AssignmentView = z.infer<typeof assignmentViewSchema>;
export type AssignmentDetail = z.infer<typeof assignmentDetailSchema>;
export type ComplianceReport = z.infer<typeof complianceReportSchema>;
export type StoredPolicy = z.infer<typeof storedPolicySchema>;
export type TaskWithAssignments = z.infer<typeof taskWithAssignmentsSchema>;
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
