import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { Clock } from '../../ports/clock.ts';
import type {
  AssignmentQuery,
  EntityRef,
  Page,
  PageRequest,
  Store,
  StoredPolicy,
  Write,
} from '../../ports/store.ts';
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
} from '../../schemas/entities.ts';
import { batchGet } from './batch-get.ts';
import { isConditionFailure } from './conditions.ts';
import { DynamoDueMarks } from './due-marks.ts';
import {
  allShards,
  assignmentPk,
  assignmentsPartition,
  calendarPartition,
  checksPartition,
  directivePk,
  directivesPartition,
  directoryPartition,
  emailContactsPartition,
  type ItemKey,
  messageRefItem,
  policiesPartition,
  prefixes,
  refKey,
  reminderItem,
  shardOf,
  sortable,
  taskAssignmentsPartition,
  unitAssignmentsPartition,
  unitPk,
  unitRemindersPartition,
  unitsPartition,
} from './keys.ts';
import { queryAll, queryItems, queryMergedPage, queryPage } from './query.ts';
import { readRow, readRows } from './rows.ts';
import { writeItems } from './write.ts';

export interface DynamoStoreOptions {
  /** How long reminder-log records are kept (TTL), in days. Default 400. */
  reminderTtlDays?: number;
  /** "Now" for the due marks (due-marks.ts): the wall clock by default, a virtual one in `simulate`. */
  clock?: Clock;
}

const states: Assignment['state'][] = ['open', 'done'];

/** Reads `value` as an instant for a key condition, or a ValidationError on `path`. */
function instantParam(value: string, path: string): string {
  try {
    return sortable(value);
  } catch {
    throw new ValidationError(`${path} must be an instant`, [{ path, rule: 'ISO 8601 instant' }]);
  }
}

/**
 * The Store port on one DynamoDB table (key design in keys.ts). `doc` and `tableName` are public
 * so an adapter of the engine can keep its own item kinds in the same table.
 */
export class DynamoStore implements Store {
  readonly reminderTtlDays: number;
  /** This container's due marks; the digest queue of the same container shares them (one request for both kinds). */
  readonly marks: DynamoDueMarks;

  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
    options: DynamoStoreOptions = {},
  ) {
    this.reminderTtlDays = options.reminderTtlDays ?? 400;
    this.marks = new DynamoDueMarks(doc, tableName, options.clock);
  }

  /**
   * Marks first (due-marks.ts): the tick of every open assignment's next check, and the flag that
   * an email subscription is pending when a contact's is; then writes.
   */
  async write(writes: Write[]): Promise<void> {
    const puts = writes.flatMap((w) => (w.op === 'put' ? [w.entity] : []));
    await Promise.all(
      puts.flatMap((e) =>
        e.kind === 'assignment' && e.value.state === 'open' && e.value.nextCheckAt
          ? [this.marks.mark('check', [shardOf(e.value.id)], new Date(e.value.nextCheckAt))]
          : [],
      ),
    );
    if (puts.some((e) => e.kind === 'contact' && e.value.emailTopicArn && e.value.emailStatus === 'pending'))
      await this.marks.flagEmailsPending();
    return writeItems(this.doc, this.tableName, writes);
  }

  async markDueChecks(checks: readonly { id: string; at: Date }[]): Promise<void> {
    await Promise.all(checks.map((c) => this.marks.mark('check', [shardOf(c.id)], c.at)));
  }

  clearEmailsPending(since: string): Promise<void> {
    return this.marks.clearEmailsPending(since);
  }

  private async get<T>(key: ItemKey): Promise<T | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { ...key }, ConsistentRead: true }),
    );
    return result.Item ? readRow<T>(result.Item) : undefined;
  }

  /** Every item of a partition whose sort key starts with `prefix` (strongly consistent). */
  private children<T>(pk: string, prefix: string): Promise<T[]> {
    return queryAll<T>(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    });
  }

  private listOfIndex<T>(
    list: string,
    partition: string,
    page: PageRequest | undefined,
    newestFirst = false,
  ) {
    return queryPage<T>(
      this.doc,
      {
        list,
        index: 'GSI1',
        partition,
        input: {
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ScanIndexForward: !newestFirst,
        },
      },
      page,
    );
  }

  getEach<T>(refs: readonly EntityRef[]): Promise<(T | undefined)[]> {
    return batchGet<T>(this.doc, this.tableName, refs.map(refKey));
  }

  getUnit(id: string): Promise<Unit | undefined> {
    return this.get(refKey({ kind: 'unit', id }));
  }

  listUnits(page?: PageRequest): Promise<Page<Unit>> {
    return this.listOfIndex('units', unitsPartition, page);
  }

  getContact(unitId: string, id: string): Promise<Contact | undefined> {
    return this.get(refKey({ kind: 'contact', unitId, id }));
  }

  listContacts(unitId: string): Promise<Contact[]> {
    return this.children(unitPk(unitId), prefixes.contact);
  }

  /** Every unit and contact (GSI2 `DIRECTORY`, eventually consistent like every index read). */
  async listDirectory(): Promise<{ units: Unit[]; contacts: Contact[] }> {
    const items = await queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': directoryPartition },
    });
    return {
      units: readRows<Unit>(items.filter((item) => item.entity === 'unit')),
      contacts: readRows<Contact>(items.filter((item) => item.entity === 'contact')),
    };
  }

  listEmailContacts(status: 'pending' | 'confirmed', page?: PageRequest): Promise<Page<Contact>> {
    const partition = emailContactsPartition(status);
    return queryPage<Contact>(
      this.doc,
      {
        list: `emails-${status}`,
        index: 'GSI3',
        partition,
        input: {
          TableName: this.tableName,
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk',
          ExpressionAttributeValues: { ':pk': partition },
        },
      },
      page,
    );
  }

  getDirective(id: string): Promise<Directive | undefined> {
    return this.get(refKey({ kind: 'directive', id }));
  }

  /** Newest first (by `issuedOn`). */
  listDirectives(page?: PageRequest): Promise<Page<Directive>> {
    return this.listOfIndex('directives', directivesPartition, page, true);
  }

  getTask(directiveId: string, id: string): Promise<Task | undefined> {
    return this.get(refKey({ kind: 'task', directiveId, id }));
  }

  listTasks(directiveId: string): Promise<Task[]> {
    return this.children(directivePk(directiveId), prefixes.task);
  }

  getPolicy(name: string): Promise<StoredPolicy | undefined> {
    return this.get(refKey({ kind: 'policy', name }));
  }

  listPolicies(): Promise<StoredPolicy[]> {
    return this.children(policiesPartition, prefixes.policy);
  }

  listOverrides(): Promise<CalendarOverride[]> {
    return this.children(calendarPartition, prefixes.override);
  }

  getAssignment(id: string): Promise<Assignment | undefined> {
    return this.get(refKey({ kind: 'assignment', id }));
  }

  /** By due date, oldest first; one unit (GSI1) or all units (GSI4); open, done or both merged. */
  listAssignments(query: AssignmentQuery): Promise<Page<Assignment>> {
    const wanted = query.state ? [query.state] : states;
    const partitions = wanted.flatMap((s) =>
      query.unitId
        ? [unitAssignmentsPartition(query.unitId, s)]
        : allShards.map((n) => assignmentsPartition(s, n)),
    );
    return queryMergedPage<Assignment>(
      this.doc,
      this.tableName,
      {
        list: 'assignments',
        index: query.unitId ? 'GSI1' : 'GSI4',
        partitions,
        below: query.dueBefore === undefined ? undefined : instantParam(query.dueBefore, 'dueBefore'),
      },
      query,
    );
  }

  /** Ordered by occurrence, then unit. */
  listAssignmentsOfTask(taskId: string): Promise<Assignment[]> {
    return queryAll<Assignment>(this.doc, {
      TableName: this.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': taskAssignmentsPartition(taskId) },
    });
  }

  listDueChecks(
    before: string,
    page?: PageRequest,
    shards: readonly number[] = allShards,
  ): Promise<Page<Assignment>> {
    // `~` sorts after every id character, so all checks at `before` itself are included.
    const upTo = `${instantParam(before, 'before')}#~`;
    return queryMergedPage<Assignment>(
      this.doc,
      this.tableName,
      { list: 'checks', index: 'GSI3', partitions: shards.map(checksPartition), below: upTo },
      page,
    );
  }

  /** Oldest first. */
  listProgress(assignmentId: string): Promise<ProgressReport[]> {
    return this.children(assignmentPk(assignmentId), prefixes.progress);
  }

  getExtension(assignmentId: string, id: string): Promise<Extension | undefined> {
    return this.get(refKey({ kind: 'extension', assignmentId, id }));
  }

  listExtensions(assignmentId: string): Promise<Extension[]> {
    return this.children(assignmentPk(assignmentId), prefixes.extension);
  }

  async claimReminder(reminder: Reminder, reclaimable: Reminder['outcome'][] = []): Promise<boolean> {
    const values = Object.fromEntries(reclaimable.map((outcome, i) => [`:r${i}`, outcome]));
    const condition =
      reclaimable.length === 0
        ? 'attribute_not_exists(PK)'
        : `attribute_not_exists(PK) OR #outcome IN (${Object.keys(values).join(', ')})`;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: reminderItem(reminder, this.reminderTtlDays),
          ConditionExpression: condition,
          ...(reclaimable.length > 0
            ? { ExpressionAttributeNames: { '#outcome': 'outcome' }, ExpressionAttributeValues: values }
            : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Only a claimed record can be updated: updating one that was never claimed is a ConflictError. */
  async updateReminder(reminder: Reminder): Promise<void> {
    if (reminder.messageId) await this.rememberMessage(reminder, reminder.messageId);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: reminderItem(reminder, this.reminderTtlDays),
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          `reminder ${reminder.key} of assignment ${reminder.assignmentId} was never claimed`,
        );
      }
      throw error;
    }
  }

  /**
   * Which reminder record an SNS message id covers, for the carrier receipts that name only the
   * message id (a digest's one message covers several records). Written before the record, so a
   * receipt never finds a record it cannot be matched to; kept 30 days (receipts come within hours).
   */
  private async rememberMessage(reminder: Reminder, messageId: string): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: messageRefItem(reminder, messageId) }),
    );
  }

  listUnitReminders(unitId: string, from: string, to: string, page?: PageRequest): Promise<Page<Reminder>> {
    const partition = unitRemindersPartition(unitId);
    return queryPage<Reminder>(
      this.doc,
      {
        list: 'unit-reminders',
        index: 'GSI1',
        partition,
        input: {
          TableName: this.tableName,
          IndexName: 'GSI1',
          // `#` sorts before every id character: [from, to) by the instant that starts the sort key.
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': partition,
            ':from': instantParam(from, 'from'),
            ':to': `${instantParam(to, 'to')}#`,
          },
        },
      },
      page,
    );
  }

  /** The assignment's reminder log, in key order (`step#send#channel#recipient`). */
  listReminders(assignmentId: string, page?: PageRequest): Promise<Page<Reminder>> {
    const pk = assignmentPk(assignmentId);
    return queryPage<Reminder>(
      this.doc,
      {
        list: 'reminders',
        partition: pk,
        input: {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefixes.reminder },
          ConsistentRead: true,
        },
      },
      page,
    );
  }
}
