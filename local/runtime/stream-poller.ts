import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { Loop } from './loop.ts';
import type { Checkpoint, CheckpointStore } from './stream-checkpoint.ts';

// biome-ignore lint/suspicious/noConfusingVoidType: a planner that reports no failures may return nothing, like a Lambda handler
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined | void>;

export interface StreamPollerOptions {
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  handler: StreamHandler;
  checkpoints: CheckpointStore;
  /** Used when there is no checkpoint yet. */
  initial?: 'TRIM_HORIZON' | 'LATEST';
  /** Records per batch (the event source mapping's BatchSize). */
  batchSize?: number;
  /** Like the event source mapping's filter criteria: records failing it are skipped. */
  filter?: (record: DynamoDBRecord) => boolean;
  /** Deliveries of one failing record before it is given up (the mapping's MaximumRetryAttempts + 1). */
  maxAttempts?: number;
  /** Where a record that kept failing goes (the mapping's on-failure destination). */
  onGiveUp?: (record: DynamoDBRecord, error: string) => Promise<void>;
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /**
   * Write requests made to the table so far, when every writer of the table goes through clients
   * this process counts (the local runtime). A table nobody wrote to since the stream was last read
   * to its end has no new record: `drain()` then skips the read (one GetRecords per settle saved).
   */
  writes?: () => number;
}

interface ShardState {
  id: string;
  parentId?: string;
  iterator?: string;
  /** Closed and read to its end. */
  done: boolean;
  /** Position of the last record handled (or skipped). */
  seq?: string;
  /** Failed deliveries of the record at `retryFrom`. */
  attempts: number;
  /** A failed record to deliver again (AT_SEQUENCE_NUMBER). */
  retryFrom?: string;
  notBefore: number;
}

/** Turns an SDK stream record into the record Lambda receives (same JSON, epoch-second times). */
export function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { dynamodb, ...rest } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  return {
    ...rest,
    eventSourceARN: streamArn,
    dynamodb: {
      ...dynamodb,
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
    },
  } as DynamoDBRecord;
}

/**
 * Reads DynamoDB Local's real stream and calls the planner handler with batches, the way a
 * Lambda event source mapping with ReportBatchItemFailures does: a reported failure checkpoints
 * before the failed record and delivers again from it, with backoff, up to `maxAttempts`.
 */
export class StreamPoller {
  readonly #o: Required<Omit<StreamPollerOptions, 'filter' | 'onGiveUp' | 'log' | 'writes'>> &
    StreamPollerOptions;
  #streamArn = '';
  #initial: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON';
  #shards = new Map<string, ShardState>();
  readonly #loop = new Loop(
    () => this.pollOnce(),
    (error) => this.#o.log?.('stream: poll failed', { error: (error as Error).message }),
  );
  #running: Promise<number> | undefined;
  #lastDescribe = 0;
  /** The write count when the stream was last read to its end (see `writes`). */
  #drainedAt: number | undefined;

  constructor(options: StreamPollerOptions) {
    this.#o = { batchSize: 100, maxAttempts: 10, initial: 'LATEST', ...options };
  }

  get streamArn(): string {
    return this.#streamArn;
  }

  /** Finds the table's stream and opens every shard from the checkpoint (or `initial`). */
  async init(): Promise<void> {
    const table = await this.#o.dynamo.send(new DescribeTableCommand({ TableName: this.#o.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${this.#o.tableName} has no stream`);
    this.#streamArn = arn;
    const saved = await this.#o.checkpoints.load();
    const usable = saved?.streamArn === arn ? saved : undefined;
    this.#initial = usable?.initial ?? this.#o.initial;
    for (const [id, position] of Object.entries(usable?.shards ?? {})) {
      this.#shards.set(id, {
        id,
        seq: position.seq,
        done: position.done ?? false,
        attempts: 0,
        notBefore: 0,
      });
    }
    await this.#describe();
    await this.#save();
  }

  async #describe(): Promise<void> {
    let start: string | undefined;
    do {
      const out = await this.#o.streams.send(
        new DescribeStreamCommand({ StreamArn: this.#streamArn, ExclusiveStartShardId: start }),
      );
      for (const shard of out.StreamDescription?.Shards ?? []) {
        if (!shard.ShardId) continue;
        const known = this.#shards.get(shard.ShardId);
        if (known) known.parentId = shard.ParentShardId;
        else
          this.#shards.set(shard.ShardId, {
            id: shard.ShardId,
            parentId: shard.ParentShardId,
            done: false,
            attempts: 0,
            notBefore: 0,
          });
      }
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    this.#lastDescribe = Date.now();
  }

  async #iterator(shard: ShardState): Promise<string | undefined> {
    const request = shard.retryFrom
      ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER' as const, SequenceNumber: shard.retryFrom }
      : shard.seq
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: shard.seq }
        : { ShardIteratorType: this.#initial };
    try {
      const out = await this.#o.streams.send(
        new GetShardIteratorCommand({ StreamArn: this.#streamArn, ShardId: shard.id, ...request }),
      );
      return out.ShardIterator;
    } catch (error) {
      if (
        error instanceof TrimmedDataAccessException ||
        (error as Error).name === 'ResourceNotFoundException'
      ) {
        this.#o.log?.('stream: position trimmed, reading the shard from its oldest record', {
          shard: shard.id,
        });
        const out = await this.#o.streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.#streamArn,
            ShardId: shard.id,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        return out.ShardIterator;
      }
      throw error;
    }
  }

  /** One pass over every readable shard; returns how many records were delivered. */
  pollOnce(): Promise<number> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Polls until the stream has nothing more (records failing with backoff are retried at once). */
  async drain(maxPasses = 1000): Promise<void> {
    const counted = this.#o.writes;
    if (counted && counted() === this.#drainedAt && !this.#pendingRetry()) return;
    for (let pass = 0; pass < maxPasses; pass++) {
      for (const shard of this.#shards.values()) shard.notBefore = 0;
      // Every write counted before an empty pass started is behind the checkpoint; later ones are not
      // (so the pass counted must be one started here, not a timer's pass already under way).
      while (counted && this.#running) await this.#running.catch(() => undefined);
      const before = counted?.();
      if ((await this.pollOnce()) === 0 && !this.#pendingRetry()) {
        this.#drainedAt = before;
        return;
      }
    }
    throw new Error('stream: did not drain (a record keeps failing?)');
  }

  #pendingRetry(): boolean {
    return [...this.#shards.values()].some((s) => s.attempts > 0);
  }

  async #pass(): Promise<number> {
    if (Date.now() - this.#lastDescribe > 10_000) await this.#describe();
    let delivered = 0;
    for (const shard of this.#shards.values()) {
      if (shard.done || shard.notBefore > Date.now()) continue;
      const parent = shard.parentId ? this.#shards.get(shard.parentId) : undefined;
      if (parent && !parent.done) continue; // parents first, as Lambda does
      delivered += await this.#readShard(shard);
    }
    return delivered;
  }

  async #readShard(shard: ShardState): Promise<number> {
    let delivered = 0;
    for (;;) {
      shard.iterator ??= await this.#iterator(shard);
      if (!shard.iterator) return delivered;
      let out: Awaited<ReturnType<typeof this.getRecords>>;
      try {
        out = await this.getRecords(shard.iterator);
      } catch (error) {
        if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
          shard.iterator = undefined;
          continue;
        }
        throw error;
      }
      const records = (out.Records ?? []).map((r) => toLambdaRecord(r, this.#streamArn));
      shard.iterator = out.NextShardIterator;
      if (records.length === 0) {
        if (!out.NextShardIterator) {
          shard.done = true;
          await this.#describe(); // a closed shard has children to open
          await this.#save();
        }
        return delivered;
      }
      const handled = await this.#deliver(shard, records);
      delivered += handled;
      if (handled < records.length) return delivered;
      if (records.length < this.#o.batchSize) return delivered;
    }
  }

  getRecords(iterator: string) {
    return this.#o.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.#o.batchSize }));
  }

  /** Delivers one batch; returns how many records are now behind the checkpoint. */
  async #deliver(shard: ShardState, records: DynamoDBRecord[]): Promise<number> {
    const wanted = this.#o.filter ? records.filter(this.#o.filter) : records;
    let failedAt: string | undefined;
    let reason = 'reported as failed';
    if (wanted.length) {
      try {
        const response = await this.#o.handler({ Records: wanted });
        const failures = response?.batchItemFailures ?? [];
        const seqs = new Set(failures.map((f) => f.itemIdentifier));
        failedAt = wanted.find((r) => r.dynamodb?.SequenceNumber && seqs.has(r.dynamodb.SequenceNumber))
          ?.dynamodb?.SequenceNumber;
      } catch (error) {
        failedAt = wanted[0]?.dynamodb?.SequenceNumber;
        reason = (error as Error).message;
      }
    }
    if (!failedAt) {
      shard.seq = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.seq;
      shard.attempts = 0;
      shard.retryFrom = undefined;
      await this.#save();
      return records.length;
    }
    const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt);
    shard.seq = index > 0 ? records[index - 1]?.dynamodb?.SequenceNumber : shard.seq;
    shard.attempts += 1;
    shard.retryFrom = failedAt;
    shard.iterator = undefined; // next read starts again at the failed record
    const failed = records[index] as DynamoDBRecord;
    if (shard.attempts >= this.#o.maxAttempts) {
      this.#o.log?.('stream: record given up after retries', { sequenceNumber: failedAt, reason });
      await this.#o.onGiveUp?.(failed, reason);
      shard.seq = failedAt;
      shard.attempts = 0;
      shard.retryFrom = undefined;
    } else {
      shard.notBefore = Date.now() + Math.min(1000 * 2 ** (shard.attempts - 1), 30_000);
      this.#o.log?.('stream: batch item failed, will retry', {
        sequenceNumber: failedAt,
        attempt: shard.attempts,
        reason,
      });
    }
    await this.#save();
    return Math.max(index, 0);
  }

  async #save(): Promise<void> {
    const checkpoint: Checkpoint = { streamArn: this.#streamArn, initial: this.#initial, shards: {} };
    for (const shard of this.#shards.values()) {
      checkpoint.shards[shard.id] = {
        ...(shard.seq ? { seq: shard.seq } : {}),
        ...(shard.done ? { done: true } : {}),
      };
    }
    await this.#o.checkpoints.save(checkpoint);
  }

  /** Polls every `intervalMs` until `stop()`. */
  start(intervalMs = 250): void {
    this.#loop.start(intervalMs);
  }

  async stop(): Promise<void> {
    this.#loop.stop();
    await this.#running?.catch(() => undefined);
  }
}
