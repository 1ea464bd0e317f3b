/**
 * The payload a schedule delivers to the dispatcher: ids and the plan version only, so the
 * dispatcher always re-reads the assignment (versioned contract, fixtures in test/fixtures/).
 */
export interface CheckPayload {
  v: 1;
  assignmentId: string;
  planVersion: number;
}

/** Keeps at most one one-time schedule per open assignment (EventBridge Scheduler in AWS). */
export interface ReminderScheduler {
  /** Creates or moves the assignment's schedule to fire at `at` (idempotent: same name each time). */
  upsert(assignmentId: string, at: Date, payload: CheckPayload): Promise<void>;
  /** Deletes the assignment's schedule; a missing schedule is success. */
  remove(assignmentId: string): Promise<void>;
}
