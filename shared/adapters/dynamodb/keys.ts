import type { Entity, EntityRef } from '../../ports/store.ts';
import type { Assignment, Contact, Reminder } from '../../schemas/entities.ts';

/**
 * Single-table key design. Every item carries `entity` (its kind) and the entity's own fields;
 * key attributes are stripped on read. Instants in sort keys are normalised to UTC ISO with
 * milliseconds (`toISOString`), so they sort as text; ids are ASCII slugs, so `#` (0x23) sorts
 * before every id character.
 *
 * | entity     | PK                | SK                   | GSI1PK / GSI1SK                               | GSI2PK / GSI2SK                       | GSI3PK / GSI3SK (sparse)             | GSI4PK / GSI4SK                |
 * | ---------- | ----------------- | -------------------- | --------------------------------------------- | ------------------------------------- | ------------------------------------ | ------------------------------ |
 * | unit       | `UNIT#<id>`       | `UNIT`               | `UNITS` / `<id>`                              | `DIRECTORY` / `<id>`                  |                                      |                                |
 * | contact    | `UNIT#<unitId>`   | `CONTACT#<id>`       |                                               | `DIRECTORY` / `<unitId>#<id>`         | `EMAILS#<emailStatus>` / `<unitId>#<id>` (own topic, pending or confirmed only) |  |
 * | directive  | `DIR#<id>`        | `DIR`                | `DIRECTIVES` / `<issuedOn>#<id>`              |                                       |                                      |                                |
 * | task       | `DIR#<directiveId>` | `TASK#<id>`        |                                               |                                       |                                      |                                |
 * | assignment | `ASG#<id>`        | `ASG`                | `UNIT#<unitId>#ASG#<state>` / `<dueAt>#<id>`  | `TASK#<taskId>` / `<occurrence>#<unitId>#<id>` | `CHECK#<shard>` / `<nextCheckAt>#<id>` (open with nextCheckAt only) | `ASGS#<state>#<shard>` / `<dueAt>#<id>` |
 * | progress   | `ASG#<assignmentId>` | `PROG#<at>`       |                                               |                                       |                                      |                                |
 * | extension  | `ASG#<assignmentId>` | `EXT#<id>`        |                                               |                                       |                                      |                                |
 * | reminder   | `ASG#<assignmentId>` | `REM#<key>`       | `REMS#<unitId>` / `<at>#<assignmentId>#<key>` |                                       |                                      |                                |
 * | policy     | `POLICIES`        | `POLICY#<name>`      |                                               |                                       |                                      |                                |
 * | override   | `CALENDAR`        | `OVERRIDE#<date>`    |                                               |                                       |                                      |                                |
 * | digest     | `DIGEST#<id>`     | `DIGEST`             |                                               |                                       | `DIGESTS#<shard>` / `<flushAt>#<id>` (unfinished only) |                  |
 * | letter     | `LETTER#<id>`     | `LETTER`             | `LETTERS` / `<createdAt>#<id>`                |                                       |                                      |                                |
 * | link       | `LINK#<sha256>`   | `LINK`               | `LINKS#<unitId>#<contactId>` / `<createdAt>#<id>` |                                   |                                      |                                |
 * | link action | `LINK#<sha256>`  | `ACT#<at>#<ulid>`    |                                               |                                       |                                      |                                |
 * | rate       | `RATE#<bucket>#<window>` | `RATE`        |                                               |                                       |                                      |                                |
 * | message ref | `MSG#<snsMessageId>` | `REF#<assignmentId>#<key>` |                              |                                       |                                      |                                |
 * | due mark   | `DUE`             | `<tick date>#<check|digest>#<shard>`, `!scanned` |                      |                                       |                                      |                                |
 * | local schedule | `LOCALSCHED`  | `<schedule name>`    | (local runtime only)                          |                                       |                                      |                                |
 * | local subscription | `LOCALSNS#<topicArn>` | `<address>` | (local runtime only)                        |                                       |                                      |                                |
 *
 * Access patterns (none uses Scan):
 * - a unit and its contacts: one partition (`UNIT#<id>`); contacts = `begins_with(SK, 'CONTACT#')`.
 * - the whole directory (every unit and contact): GSI2 `DIRECTORY`, one query (paginated by 1 MB;
 *   a province's few hundred units and contacts fit one page). The engine reads it once per
 *   invocation instead of one unit and one contact list per unit it names. Written only when an
 *   administrator edits a unit or contact or an email status changes, so one partition is not hot.
 * - a directive and its tasks: one partition (`DIR#<id>`); tasks = `begins_with(SK, 'TASK#')`.
 * - an assignment with its progress reports, extensions and reminder log: one partition (`ASG#<id>`).
 *   Reminder records expire (TTL `expiresAt`, 400 days after the send by default).
 * - units list (by id) and directives list (newest first): GSI1 `UNITS` / `DIRECTIVES`.
 * - a unit's assignments by due date: GSI1, one partition per (unit, state); "any state" merges both.
 * - all assignments by due date: GSI4, one partition per (state, shard), merged in due-date order.
 * - **Shards**: an index partition shared by every open assignment becomes hot at province scale
 *   (50,000 next checks rewritten in a morning). The assignment's id picks one of `SHARDS`
 *   partitions (`shardOf`); lists read them all and merge by sort key. The digest queue's index
 *   partition is sharded the same way, by digest id.
 * - a task's assignments: GSI2 `TASK#<taskId>`.
 * - the reminders about one unit's assignments by send time (the compliance report's delivery
 *   figures): GSI1 `REMS#<unitId>`; one partition per unit, so the morning's writes spread.
 * - open assignments by next check (listDueChecks): GSI3 `CHECK#<shard>`, sparse — a closed
 *   assignment, or one without `nextCheckAt`, has no GSI3 attributes and drops out of the index.
 * - policies and calendar overrides: one small partition each (`POLICIES`, `CALENDAR`).
 * - unfinished digests by flush time (the sweep's net): GSI3 `DIGESTS#<shard>`, sparse like `CHECK#<shard>`.
 * - contacts whose own email topic has a pending (or a confirmed) subscription: GSI3
 *   `EMAILS#pending` / `EMAILS#confirmed`, sparse — the daily refresh reads only the pending ones
 *   (Mondays the confirmed ones too) instead of every unit's contacts. Not sharded: a province has a
 *   few hundred addresses, each written when its status changes, far below one partition's rate.
 * - drafted letters, newest first: GSI1 `LETTERS`. A link by the hash of its code (the code is
 *   never stored), with what was done through it in its partition; a contact's links: GSI1
 *   `LINKS#<unitId>#<contactId>`. Rate-limit counters: one item per (client, window), TTL a day.
 * - the reminder records one SNS message covers (a digest covers several): partition
 *   `MSG#<messageId>`, written with the record's messageId, read by the delivery receipts; TTL 30 days.
 * - what a window tick must look at (due marks, due-marks.ts): partition `DUE`, one item per (tick
 *   date, kind, shard) in which something is due by that tick, read with one query up to the
 *   tick's date and deleted by the tick that handled them; and `!emails-pending` while a contact's
 *   email subscription may be pending, so the sweep's same query tells the email refresh whether to run. A few writes a morning (each container
 *   writes a mark once), so one partition is not hot.
 * - the local runtime's schedules and email subscriptions: one partition each, under the `LOCAL`
 *   prefix, which its stream poller skips (they are not engine records).
 */

export interface ItemKey {
  PK: string;
  SK: string;
}

/** Attributes that are keys, not entity fields: removed on read. */
export const keyAttributes = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'GSI4PK',
  'GSI4SK',
  'entity',
  'expiresAt',
] as const;

/** Normalises an instant (any ISO form with offset) to sortable UTC text. */
export function sortable(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${instant}`);
  return date.toISOString();
}

export const unitsPartition = 'UNITS';
export const directoryPartition = 'DIRECTORY';
export const directivesPartition = 'DIRECTIVES';
/** Index partitions per sharded list: 4 × DynamoDB's per-partition write rate (1,000/s) for a morning. */
export const SHARDS = 4;

/** The shard of an id (FNV-1a): stable, and spread evenly over `SHARDS`. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SHARDS;
}

/** Every shard number, for the lists that read them all. */
export const allShards = Array.from({ length: SHARDS }, (_, shard) => shard);

export const checksPartition = (shard: number) => `CHECK#${shard}`;
export const policiesPartition = 'POLICIES';
export const calendarPartition = 'CALENDAR';

export const unitPk = (id: string) => `UNIT#${id}`;
export const directivePk = (id: string) => `DIR#${id}`;
export const assignmentPk = (id: string) => `ASG#${id}`;
export const unitAssignmentsPartition = (unitId: string, state: Assignment['state']) =>
  `UNIT#${unitId}#ASG#${state}`;
export const assignmentsPartition = (state: Assignment['state'], shard: number) => `ASGS#${state}#${shard}`;
export const taskAssignmentsPartition = (taskId: string) => `TASK#${taskId}`;

export const prefixes = {
  contact: 'CONTACT#',
  task: 'TASK#',
  progress: 'PROG#',
  extension: 'EXT#',
  reminder: 'REM#',
  policy: 'POLICY#',
  override: 'OVERRIDE#',
} as const;

/** The primary key of the item a ref names. */
export function refKey(ref: EntityRef): ItemKey {
  switch (ref.kind) {
    case 'unit':
      return { PK: unitPk(ref.id), SK: 'UNIT' };
    case 'contact':
      return { PK: unitPk(ref.unitId), SK: `${prefixes.contact}${ref.id}` };
    case 'directive':
      return { PK: directivePk(ref.id), SK: 'DIR' };
    case 'task':
      return { PK: directivePk(ref.directiveId), SK: `${prefixes.task}${ref.id}` };
    case 'assignment':
      return { PK: assignmentPk(ref.id), SK: 'ASG' };
    case 'extension':
      return { PK: assignmentPk(ref.assignmentId), SK: `${prefixes.extension}${ref.id}` };
    case 'policy':
      return { PK: policiesPartition, SK: `${prefixes.policy}${ref.name}` };
    case 'override':
      return { PK: calendarPartition, SK: `${prefixes.override}${ref.date}` };
  }
}

export function reminderKey(assignmentId: string, key: string): ItemKey {
  return { PK: assignmentPk(assignmentId), SK: `${prefixes.reminder}${key}` };
}

/** The primary key of an entity's item. */
export function entityKey(entity: Entity): ItemKey {
  switch (entity.kind) {
    case 'progress':
      return {
        PK: assignmentPk(entity.value.assignmentId),
        SK: `${prefixes.progress}${sortable(entity.value.at)}`,
      };
    case 'unit':
      return refKey({ kind: 'unit', id: entity.value.id });
    case 'contact':
      return refKey({ kind: 'contact', unitId: entity.value.unitId, id: entity.value.id });
    case 'directive':
      return refKey({ kind: 'directive', id: entity.value.id });
    case 'task':
      return refKey({ kind: 'task', directiveId: entity.value.directiveId, id: entity.value.id });
    case 'assignment':
      return refKey({ kind: 'assignment', id: entity.value.id });
    case 'extension':
      return refKey({ kind: 'extension', assignmentId: entity.value.assignmentId, id: entity.value.id });
    case 'policy':
      return refKey({ kind: 'policy', name: entity.value.name });
    case 'override':
      return refKey({ kind: 'override', date: entity.value.date });
  }
}

/** Sort key of an assignment in the due-date indexes (GSI1, GSI4). */
export const dueSortKey = (a: Pick<Assignment, 'dueAt' | 'id'>) => `${sortable(a.dueAt)}#${a.id}`;

function assignmentIndexKeys(a: Assignment): Record<string, string> {
  const keys: Record<string, string> = {
    GSI1PK: unitAssignmentsPartition(a.unitId, a.state),
    GSI1SK: dueSortKey(a),
    GSI2PK: taskAssignmentsPartition(a.taskId),
    GSI2SK: `${a.occurrence}#${a.unitId}#${a.id}`,
    GSI4PK: assignmentsPartition(a.state, shardOf(a.id)),
    GSI4SK: dueSortKey(a),
  };
  if (a.state === 'open' && a.nextCheckAt) {
    keys.GSI3PK = checksPartition(shardOf(a.id));
    keys.GSI3SK = `${sortable(a.nextCheckAt)}#${a.id}`;
  }
  return keys;
}

export const emailContactsPartition = (status: 'pending' | 'confirmed') => `EMAILS#${status}`;

/** GSI3 of a contact with its own topic and a live subscription; none (out of the index) otherwise. */
function contactIndexKeys(c: Contact): Record<string, string> {
  const directory = { GSI2PK: directoryPartition, GSI2SK: `${c.unitId}#${c.id}` };
  if (!c.emailTopicArn || c.emailStatus === 'none') return directory;
  return { ...directory, GSI3PK: emailContactsPartition(c.emailStatus), GSI3SK: `${c.unitId}#${c.id}` };
}

/** Index attributes of an entity's item (none for most kinds). */
export function indexKeys(entity: Entity): Record<string, string> {
  switch (entity.kind) {
    case 'unit':
      return {
        GSI1PK: unitsPartition,
        GSI1SK: entity.value.id,
        GSI2PK: directoryPartition,
        GSI2SK: entity.value.id,
      };
    case 'directive':
      return { GSI1PK: directivesPartition, GSI1SK: `${entity.value.issuedOn}#${entity.value.id}` };
    case 'assignment':
      return assignmentIndexKeys(entity.value);
    case 'contact':
      return contactIndexKeys(entity.value);
    default:
      return {};
  }
}

/** The full item for a put: fields, keys and the `entity` tag. */
export function toItem(entity: Entity): Record<string, unknown> {
  return { ...entity.value, ...entityKey(entity), ...indexKeys(entity), entity: entity.kind };
}

export const unitRemindersPartition = (unitId: string) => `REMS#${unitId}`;

/** The stored reminder record (with its TTL in epoch seconds), in its unit's log by time (GSI1). */
export function reminderItem(reminder: Reminder, ttlDays: number): Record<string, unknown> {
  const expiresAt = Math.floor(new Date(reminder.at).getTime() / 1000) + ttlDays * 86_400;
  return {
    ...reminder,
    ...reminderKey(reminder.assignmentId, reminder.key),
    GSI1PK: unitRemindersPartition(reminder.unitId),
    GSI1SK: `${sortable(reminder.at)}#${reminder.assignmentId}#${reminder.key}`,
    entity: 'reminder',
    expiresAt,
  };
}

/** The plain entity of a stored item: key attributes and the tag removed. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const value: Record<string, unknown> = { ...item };
  for (const name of keyAttributes) delete value[name];
  return value as T;
}

/** How errors name an item: `unit so-noi-vu`, `contact c1 of unit so-noi-vu`. */
export function describeRef(ref: EntityRef): string {
  switch (ref.kind) {
    case 'contact':
      return `contact ${ref.id} of unit ${ref.unitId}`;
    case 'task':
      return `task ${ref.id} of directive ${ref.directiveId}`;
    case 'extension':
      return `extension ${ref.id} of assignment ${ref.assignmentId}`;
    case 'policy':
      return `policy ${ref.name}`;
    case 'override':
      return `calendar override ${ref.date}`;
    default:
      return `${ref.kind} ${ref.id}`;
  }
}

export function describeEntity(entity: Entity): string {
  switch (entity.kind) {
    case 'progress':
      return `progress report of assignment ${entity.value.assignmentId} at ${entity.value.at}`;
    case 'unit':
    case 'directive':
    case 'assignment':
      return `${entity.kind} ${entity.value.id}`;
    case 'contact':
      return describeRef({ kind: 'contact', unitId: entity.value.unitId, id: entity.value.id });
    case 'task':
      return describeRef({ kind: 'task', directiveId: entity.value.directiveId, id: entity.value.id });
    case 'extension':
      return describeRef({ kind: 'extension', assignmentId: entity.value.assignmentId, id: entity.value.id });
    case 'policy':
      return describeRef({ kind: 'policy', name: entity.value.name });
    case 'override':
      return describeRef({ kind: 'override', date: entity.value.date });
  }
}

// ---- items beside the Store's: the digest queue, and the local runtime's own ----------------

export const digestsPartition = (shard: number) => `DIGESTS#${shard}`;
export const digestKey = (id: string): ItemKey => ({ PK: `DIGEST#${id}`, SK: 'DIGEST' });
/** GSI3 attributes of an unfinished digest (removed when it is sent or abandoned). */
export const digestIndexKeys = (flushAt: string, id: string) => ({
  GSI3PK: digestsPartition(shardOf(id)),
  GSI3SK: `${flushAt}#${id}`,
});

export const dueMarksPartition = 'DUE';
/** Sorts before every dated mark: written once the first full scan of the due lists completed. */
export const dueScannedSortKey = '!scanned';
/** Sorts before every dated mark: some contact's email subscription may be pending (its `at`: since when). */
export const emailsPendingSortKey = '!emails-pending';
export const dueMarkKey = (date: string, kind: 'check' | 'digest', shard: number): ItemKey => ({
  PK: dueMarksPartition,
  SK: `${date}#${kind}#${shard}`,
});

export const lettersPartition = 'LETTERS';
export const letterKey = (id: string): ItemKey => ({ PK: `LETTER#${id}`, SK: 'LETTER' });
export const letterIndexKeys = (createdAt: string, id: string) => ({
  GSI1PK: lettersPartition,
  GSI1SK: `${createdAt}#${id}`,
});

export const linkKey = (id: string): ItemKey => ({ PK: `LINK#${id}`, SK: 'LINK' });
export const linkActionsPrefix = 'ACT#';
/** Two actions in one millisecond are two records (the ulid). */
export const linkActionKey = (linkId: string, at: string, unique: string): ItemKey => ({
  PK: `LINK#${linkId}`,
  SK: `${linkActionsPrefix}${at}#${unique}`,
});
export const contactLinksPartition = (unitId: string, contactId: string) => `LINKS#${unitId}#${contactId}`;
export const linkIndexKeys = (l: { unitId: string; contactId: string; createdAt: string; id: string }) => ({
  GSI1PK: contactLinksPartition(l.unitId, l.contactId),
  GSI1SK: `${l.createdAt}#${l.id}`,
});
export const rateKey = (bucket: string, windowStart: number): ItemKey => ({
  PK: `RATE#${bucket}#${windowStart}`,
  SK: 'RATE',
});

export const messagePartition = (messageId: string) => `MSG#${messageId}`;

/** The item saying which reminder record an SNS message covers (kept 30 days: receipts come within hours). */
export function messageRefItem(reminder: Reminder, messageId: string): Record<string, unknown> {
  return {
    ...messageRefKey(messageId, reminder.assignmentId, reminder.key),
    assignmentId: reminder.assignmentId,
    key: reminder.key,
    entity: 'message-ref',
    expiresAt: Math.floor(new Date(reminder.at).getTime() / 1000) + 30 * 86_400,
  };
}
export const messageRefKey = (messageId: string, assignmentId: string, key: string): ItemKey => ({
  PK: messagePartition(messageId),
  SK: `REF#${assignmentId}#${key}`,
});

/** Partition keys of the local runtime's own items start with this; its stream poller skips them. */
const LOCAL_PREFIX = 'LOCAL';
export const isLocalItemKey = (pk: string | undefined): boolean => pk?.startsWith(LOCAL_PREFIX) ?? false;
export const localSchedulesPartition = `${LOCAL_PREFIX}SCHED`;
export const localScheduleKey = (name: string): ItemKey => ({ PK: localSchedulesPartition, SK: name });
export const localSubscriptionsPartition = (topicArn: string) => `${LOCAL_PREFIX}SNS#${topicArn}`;
export const localSubscriptionKey = (topicArn: string, address: string): ItemKey => ({
  PK: localSubscriptionsPartition(topicArn),
  SK: address,
});
