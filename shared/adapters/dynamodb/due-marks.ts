import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { toLocalDate } from '../../domain/local-time.ts';
import { TICK_LISTING_MARGIN_MS, tickAtOrAfter } from '../../domain/send-windows.ts';
import { type Clock, systemClock } from '../../ports/clock.ts';
import type { DueKind, DueMark, DueMarks } from '../../ports/digest-queue.ts';
import { isConditionFailure } from './conditions.ts';
import {
  dueMarkKey,
  dueMarksPartition,
  dueScannedSortKey,
  emailsPendingSortKey,
  type ItemKey,
} from './keys.ts';
import { queryItems } from './query.ts';

/** DynamoDB's limit on the requests of one BatchWriteItem. */
const BATCH = 25;
const MAX_ATTEMPTS = 8;

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: ItemKey } };

const markOf = (sk: string): DueMark | undefined => {
  const [date, kind, shard] = sk.split('#');
  if (!date || (kind !== 'check' && kind !== 'digest')) return undefined;
  return { date, kind, shard: Number(shard) };
};

/**
 * # Due marks: a window tick reads one small partition, not every shard, on a day with nothing due
 *
 * The due checks and the unfinished digests are sharded index lists (keys.ts): reading them costs
 * one query per shard, every tick and sweep, also on the many days nothing is due. Whoever writes
 * something due (an assignment's next check: DynamoStore; a digest: the digest queue) first marks
 * the tick that must look at it — `<tick date>#<check|digest>#<shard>` in partition `DUE`, the first
 * window tick at or after max(due time, now), and the next tick too within two minutes of it. The
 * tick (and the sweep) reads the marks up to its date with ONE query and queries only the marked
 * shards; the tick deletes what it read once it has handled everything (a mark written meanwhile
 * survives: it names the next tick as well). The mark is written before the item it announces, so
 * a tick that finds an item always found its mark. Until a first full scan has completed
 * (`!scanned`, e.g. a table that predates the marks), every shard is read.
 * Each container writes a mark once (it only ever names a tick still to come), and the marks its
 * concurrent writers ask for while one request is in flight go together in the next.
 */
export class DynamoDueMarks {
  readonly #written = new Set<string>();
  /** Marks being written, by sort key: a second caller waits for the same request. */
  readonly #pending = new Map<string, Promise<void>>();
  /** The next group of marks: it is sent when the request in flight returns (group commit). */
  #next: { keys: ItemKey[]; done: Promise<void> } | undefined;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The ticks that must see something due at `at`, written now. */
  ticksFor(at: Date): Date[] {
    const now = this.clock.now().getTime();
    const first = tickAtOrAfter(new Date(Math.max(at.getTime(), now)));
    if (now + TICK_LISTING_MARGIN_MS < first.getTime()) return [first];
    return [first, tickAtOrAfter(new Date(first.getTime() + 1))];
  }

  /**
   * Marks `shards` of `kind` for `tick`, or for the ticks that must see something due at `at`;
   * returns once they are stored. Marks asked for while a request is in flight go together in
   * the next one (a window's concurrent dispatches write their next checks' marks in one request).
   */
  async mark(kind: DueKind, shards: readonly number[], at: Date, tick?: Date): Promise<void> {
    const ticks = tick ? [tick] : this.ticksFor(at);
    const keys = ticks
      .flatMap((t) => shards.map((s) => dueMarkKey(toLocalDate(t), kind, s)))
      .filter((k) => !this.#written.has(k.SK));
    const waits = new Set<Promise<void>>();
    for (const key of keys) waits.add(this.#pending.get(key.SK) ?? this.#enqueue(key));
    await Promise.all(waits);
  }

  #enqueue(key: ItemKey): Promise<void> {
    if (!this.#next) {
      const group: { keys: ItemKey[]; done: Promise<void> } = { keys: [], done: Promise.resolve() };
      group.done = this.#inFlight.then(() => this.#send(group));
      this.#inFlight = group.done.catch(() => undefined);
      this.#next = group;
    }
    this.#next.keys.push(key);
    this.#pending.set(key.SK, this.#next.done);
    return this.#next.done;
  }

  async #send(group: { keys: ItemKey[] }): Promise<void> {
    if (this.#next === group) this.#next = undefined;
    try {
      await this.#batch(group.keys.map((Key) => ({ PutRequest: { Item: { ...Key, entity: 'due-mark' } } })));
      for (const k of group.keys) this.#written.add(k.SK);
    } finally {
      for (const k of group.keys) this.#pending.delete(k.SK);
    }
  }

  /** Every mark of a tick at or before `tick` (one query: a handful of items). */
  async read(tick: Date): Promise<DueMarks> {
    const marks: DueMark[] = [];
    let scanned = false;
    let emailsPendingSince: string | undefined;
    const items = await queryItems(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND SK <= :upTo',
      ExpressionAttributeValues: { ':pk': dueMarksPartition, ':upTo': `${toLocalDate(tick)}#~` },
      ProjectionExpression: 'SK, #at',
      ExpressionAttributeNames: { '#at': 'at' },
      ConsistentRead: true,
    });
    for (const item of items) {
      const sk = String(item.SK);
      if (sk === dueScannedSortKey) scanned = true;
      if (sk === emailsPendingSortKey) emailsPendingSince = String(item.at);
      const mark = markOf(sk);
      if (mark) marks.push(mark);
    }
    return { marks, scanned, ...(emailsPendingSince && { emailsPendingSince }) };
  }

  /** Some contact's email subscription became pending now (written before the contact). */
  async flagEmailsPending(): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: dueMarksPartition, SK: emailsPendingSortKey, at, entity: 'due-mark' },
      }),
    );
  }

  /** Nothing is pending any more: removes the flag, unless it was set again after `since`. */
  async clearEmailsPending(since: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { PK: dueMarksPartition, SK: emailsPendingSortKey },
          ConditionExpression: '#at = :since',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':since': since },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * After a tick handled everything: deletes the marks it read and those this container wrote for
   * ticks up to `tick`, and records the first full scan.
   */
  async clear(read: readonly DueMark[], tick: Date, scanned: boolean): Promise<void> {
    const upTo = toLocalDate(tick);
    const keys = new Set(read.map((m) => `${m.date}#${m.kind}#${m.shard}`));
    for (const sk of this.#written) if (sk.slice(0, upTo.length) <= upTo) keys.add(sk);
    const requests: WriteRequest[] = [...keys].map((SK) => ({
      DeleteRequest: { Key: { PK: dueMarksPartition, SK } },
    }));
    if (scanned)
      requests.push({
        PutRequest: { Item: { PK: dueMarksPartition, SK: dueScannedSortKey, entity: 'due-mark' } },
      });
    await this.#batch(requests);
    for (const sk of keys) this.#written.delete(sk);
  }

  /** BatchWriteItem in chunks of 25, sending again what DynamoDB left unprocessed. */
  async #batch(requests: WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH) {
      let pending: unknown[] | undefined = requests.slice(i, i + BATCH);
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt === MAX_ATTEMPTS) throw new Error('DynamoDB left due marks unprocessed (throttled)');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result: BatchWriteCommandOutput = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as WriteRequest[] } }),
        );
        pending = result.UnprocessedItems?.[this.tableName];
      }
    }
  }
}
