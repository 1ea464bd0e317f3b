import type {
  Assignment,
  CalendarOverride,
  Contact,
  Directive,
  Extension,
  ProgressReport,
  Reminder,
  Task,
  Unit,
} from '../schemas/entities.ts';
import type { ReminderPolicy } from '../schemas/policy.ts';

/** A stored reminder policy (looked up by its `name`). */
export type StoredPolicy = ReminderPolicy & { version: number; createdAt: string; updatedAt: string };

/** One page of a list; `cursor` is opaque and present when there is more. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** Everything `write` can store, tagged with its kind. */
export type Entity =
  | { kind: 'unit'; value: Unit }
  | { kind: 'contact'; value: Contact }
  | { kind: 'directive'; value: Directive }
  | { kind: 'task'; value: Task }
  | { kind: 'assignment'; value: Assignment }
  | { kind: 'progress'; value: ProgressReport }
  | { kind: 'extension'; value: Extension }
  | { kind: 'policy'; value: StoredPolicy }
  | { kind: 'override'; value: CalendarOverride };

/** How a key names an existing item, for deletes. */
export type EntityRef =
  | { kind: 'unit'; id: string }
  | { kind: 'contact'; unitId: string; id: string }
  | { kind: 'directive'; id: string }
  | { kind: 'task'; directiveId: string; id: string }
  | { kind: 'assignment'; id: string }
  | { kind: 'extension'; assignmentId: string; id: string }
  | { kind: 'policy'; name: string }
  | { kind: 'override'; date: string };

/**
 * One change in a `write`. Optimistic locking: `expect: 'absent'` creates (an existing id is a
 * ConflictError), `expect: n` replaces only if the stored `version` is still n (the caller passes
 * the value with `version: n + 1`), no `expect` writes unconditionally.
 */
export type Write =
  | { op: 'put'; entity: Entity; expect?: 'absent' | number }
  | { op: 'delete'; ref: EntityRef; expect?: number };

export interface AssignmentQuery extends PageRequest {
  unitId?: string;
  state?: 'open' | 'done';
  /** Only assignments due strictly before this instant. */
  dueBefore?: string;
}

/**
 * The one table, seen from the use cases, as small ports: each use case asks for the ones it uses
 * (e.g. `{ store: AssignmentReads & Writes }`), so a test fakes only those. Reads are by key or by
 * index, never by Scan. Conditions failing raise ConflictError (naming the item); more than one
 * write is one transaction.
 */
export interface Writes {
  write(writes: Write[]): Promise<void>;
}

/** Units and their contacts. */
export interface UnitReads {
  getUnit(id: string): Promise<Unit | undefined>;
  listUnits(page?: PageRequest): Promise<Page<Unit>>;
  getContact(unitId: string, id: string): Promise<Contact | undefined>;
  listContacts(unitId: string): Promise<Contact[]>;
}

/** Many items by key at once (an import reads what it would overwrite), in the order asked. */
export interface BatchReads {
  getEach<T>(refs: readonly EntityRef[]): Promise<(T | undefined)[]>;
}

/** Every unit and contact at once: what the engine reads once per invocation (reference-cache.ts). */
export interface DirectoryReads {
  listDirectory(): Promise<{ units: Unit[]; contacts: Contact[] }>;
}

/** Contacts by the state of their own email topic's subscription (a sparse index: few items). */
export interface EmailContactReads {
  /** Contacts with their own topic whose subscription is `status`, by unit and id. */
  listEmailContacts(status: 'pending' | 'confirmed', page?: PageRequest): Promise<Page<Contact>>;
  /**
   * The email refresh found nothing pending: drops the flag the sweep reads (DueMarks'
   * `emailsPendingSince`), unless a contact's subscription became pending again after `since`.
   */
  clearEmailsPending(since: string): Promise<void>;
}

/** Directives and their tasks. */
export interface DirectiveReads {
  getDirective(id: string): Promise<Directive | undefined>;
  listDirectives(page?: PageRequest): Promise<Page<Directive>>;
  getTask(directiveId: string, id: string): Promise<Task | undefined>;
  listTasks(directiveId: string): Promise<Task[]>;
}

/** Reminder policies. */
export interface PolicyReads {
  getPolicy(name: string): Promise<StoredPolicy | undefined>;
  listPolicies(): Promise<StoredPolicy[]>;
}

/** The province's calendar overrides (what a WorkingCalendar is built from). */
export interface CalendarReads {
  listOverrides(): Promise<CalendarOverride[]>;
}

/** Next checks about to be written, announced ahead (see due-marks.ts): many in one request. */
export interface CheckMarks {
  /** Marks the window ticks of these next checks now; the writes that follow then need no mark of their own. */
  markDueChecks(checks: readonly { id: string; at: Date }[]): Promise<void>;
}

/** Assignments with their progress reports and extensions. */
export interface AssignmentReads {
  getAssignment(id: string): Promise<Assignment | undefined>;
  /** By unit (sorted by due date) or across units; filters by state and due date. */
  listAssignments(query: AssignmentQuery): Promise<Page<Assignment>>;
  listAssignmentsOfTask(taskId: string): Promise<Assignment[]>;
  /** Open assignments whose `nextCheckAt` is at or before `before`, oldest first; all shards or those given. */
  listDueChecks(before: string, page?: PageRequest, shards?: readonly number[]): Promise<Page<Assignment>>;
  listProgress(assignmentId: string): Promise<ProgressReport[]>;
  getExtension(assignmentId: string, id: string): Promise<Extension | undefined>;
  listExtensions(assignmentId: string): Promise<Extension[]>;
}

/** The reminder log: one guarded record per send. */
export interface ReminderLog {
  /**
   * Claims one send: puts the reminder if no record with its key exists, or if the existing
   * one's outcome is in `reclaimable` (e.g. a `failed` send being retried). Returns false when
   * someone else holds it — the guard that makes every send happen at most once.
   */
  claimReminder(reminder: Reminder, reclaimable?: Reminder['outcome'][]): Promise<boolean>;
  /** Records the outcome of a claimed send (messageId, segments, outcome, detail, attempts). */
  updateReminder(reminder: Reminder): Promise<void>;
  listReminders(assignmentId: string, page?: PageRequest): Promise<Page<Reminder>>;
  /** The reminders about a unit's assignments logged in [from, to) (instants), oldest first. */
  listUnitReminders(unitId: string, from: string, to: string, page?: PageRequest): Promise<Page<Reminder>>;
}

/** All of the table's ports: what the DynamoDB adapter implements. */
export interface Store
  extends Writes,
    UnitReads,
    DirectoryReads,
    BatchReads,
    EmailContactReads,
    DirectiveReads,
    PolicyReads,
    CalendarReads,
    AssignmentReads,
    CheckMarks,
    ReminderLog {}
