import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { localScheduleKey, localSchedulesPartition } from '#adapters/dynamodb/keys';
import { queryItems } from '#adapters/dynamodb/query';

/** One one-time schedule of the local scheduler, stored in the table as its own item. */
export interface StoredSchedule {
  name: string;
  /** When it is due (the `at(...)` expression). */
  fireAt: string;
  /** The target's input, exactly what EventBridge Scheduler would deliver. */
  payload: unknown;
  /** Changes on every upsert, so a fire only deletes the schedule it fired. */
  revision: string;
  /** Failed deliveries so far, and when the next one may go (the retry policy's backoff). */
  attempts: number;
  nextAttemptAt?: string;
}

/** Where the local scheduler keeps its schedules. */
export interface ScheduleStorage {
  put(schedule: StoredSchedule): Promise<void>;
  /** Deletes the schedule if it is still at `revision` (or whatever revision when none is given). */
  delete(name: string, revision?: string): Promise<boolean>;
  list(): Promise<StoredSchedule[]>;
}

/**
 * Schedules in memory only: for `simulate`, whose store is a temporary in-memory DynamoDB Local
 * thrown away at the end (nothing to survive a restart), so the scheduler's bookkeeping costs no
 * requests. Same semantics as the table (delete conditional on the revision).
 */
export class MemoryScheduleTable implements ScheduleStorage {
  readonly #items = new Map<string, StoredSchedule>();

  async put(schedule: StoredSchedule): Promise<void> {
    this.#items.set(schedule.name, structuredClone(schedule));
  }

  async delete(name: string, revision?: string): Promise<boolean> {
    const found = this.#items.get(name);
    if (!found || (revision && found.revision !== revision)) return false;
    return this.#items.delete(name);
  }

  async list(): Promise<StoredSchedule[]> {
    return [...this.#items.values()].map((s) => structuredClone(s));
  }
}

/** Reads and writes the local scheduler's items (keys: `localScheduleKey`). */
export class ScheduleTable implements ScheduleStorage {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(schedule: StoredSchedule): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...localScheduleKey(schedule.name), ...schedule },
      }),
    );
  }

  /** Deletes the schedule if it is still at `revision` (or whatever revision when none is given). */
  async delete(name: string, revision?: string): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: localScheduleKey(name),
          ...(revision
            ? {
                ConditionExpression: '#r = :r',
                ExpressionAttributeNames: { '#r': 'revision' },
                ExpressionAttributeValues: { ':r': revision },
              }
            : {}),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async list(): Promise<StoredSchedule[]> {
    const items = await queryItems(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': localSchedulesPartition },
    });
    return items.map(({ PK: _pk, SK: _sk, ...schedule }) => schedule as unknown as StoredSchedule);
  }
}
