import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from '../../ports/clock.ts';
import type {
  AddResult,
  BatchClaim,
  ClaimWith,
  Digest,
  DigestEntry,
  DigestQueue,
  DigestRef,
  DueMark,
  DueMarks,
  ItemClaim,
  WrittenDigest,
} from '../../ports/digest-queue.ts';
import type { Page, PageRequest } from '../../ports/store.ts';
import type { Reminder } from '../../schemas/entities.ts';
import { isConditionFailure } from './conditions.ts';
import { DynamoDueMarks } from './due-marks.ts';
import { allShards, digestIndexKeys, digestKey, digestsPartition, shardOf } from './keys.ts';
import { queryMergedPage } from './query.ts';
import { SendWrites } from './send-writes.ts';

/**
 * The digest queue in the one table (an item type added by the engine, next to the Store's; its
 * keys are in keys.ts). The entries live in one map attribute of the digest item (key: `<assignmentId>#<reminder key>`),
 * so adding an entry and closing the digest are single conditional updates: an entry is either in
 * the digest its sender claimed, or its add failed with `closed`. GSI3 is shared with the Store's
 * sparse `CHECK#<shard>` partitions (different partition values); a morning's digests are spread
 * over `SHARDS` partitions by id and listed merged by flush time. Digests expire (TTL) 30 days
 * after their flush.
 */
const TTL_DAYS = 30;
const LIST = 'digests';

const entryKey = (e: DigestEntry) => `${e.assignmentId}#${e.key}`;
const byPlannedAt = (a: DigestEntry, b: DigestEntry) =>
  a.plannedAt.localeCompare(b.plannedAt) || a.assignmentId.localeCompare(b.assignmentId);
/** Digest contents a container remembers at most (a morning's digests; the oldest are forgotten). */
const MAX_REMEMBERED = 20_000;

/** The stored digest: its ref, state and entries, its index keys and its expiry. */
function digestItem(digest: Digest): Record<string, unknown> {
  const { entries, ...rest } = digest;
  return {
    ...digestKey(digest.id),
    ...rest,
    entity: 'digest',
    entries: Object.fromEntries(entries.map((e) => [entryKey(e), e])),
    ...digestIndexKeys(digest.flushAt, digest.id),
    expiresAt: Math.floor(new Date(digest.flushAt).getTime() / 1000) + TTL_DAYS * 86_400,
  };
}

function toDigest(item: Record<string, unknown>): Digest {
  const {
    PK: _pk,
    SK: _sk,
    GSI3PK: _g,
    GSI3SK: _s,
    entity: _e,
    expiresAt: _x,
    previousState: _p,
    entries,
    ...rest
  } = item;
  const list = Object.values((entries ?? {}) as Record<string, DigestEntry>);
  list.sort(byPlannedAt);
  return { ...(rest as Omit<Digest, 'entries'>), entries: list };
}

/** A held digest as its claim creates it. */
const claimedHeld = (held: Digest, claimedAt: string): Digest => ({
  ...held,
  state: 'sending',
  attempts: 1,
  claimedAt,
});

export class DynamoDigestQueue implements DigestQueue {
  private readonly marks: DynamoDueMarks;
  private readonly sends: SendWrites;

  /**
   * `reminderTtlDays`: how long the reminder-log records a send writes are kept (as DynamoStore's);
   * `marks`: the container's DynamoStore's due marks, so that the marks of checks and digests a
   * drain asks for together go in one request and are cleared together.
   */
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    clock: Clock = systemClock,
    options: { reminderTtlDays?: number; marks?: DynamoDueMarks } = {},
  ) {
    this.marks = options.marks ?? new DynamoDueMarks(doc, tableName, clock);
    this.sends = new SendWrites(doc, tableName, options.reminderTtlDays ?? 400);
  }

  /** Digests this container created or added to: they exist (until their TTL), so an add goes straight to the update. */
  private readonly known = new Set<string>();
  /** What this container wrote into the digests it created, until it sends them (see `written`). */
  private readonly contents = new Map<string, Digest>();
  /** Digests held in memory for this container's running drain, not stored yet (see `add`). */
  private readonly held = new Map<string, Digest>();

  /**
   * One request in the usual case: a digest this container already wrote is updated; any other is
   * first created (most digests of a window hold one recipient's few items, so creating is the
   * common case); only a lost race or an unknown existing digest costs the second request.
   */
  async add(ref: DigestRef, entry: DigestEntry, hold = false): Promise<AddResult> {
    // Only a drain's own add joins a held digest: any other is stored (the claim then finds it).
    const mine = hold ? this.held.get(ref.id) : undefined;
    if (mine) {
      mine.entries = [...mine.entries.filter((e) => entryKey(e) !== entryKey(entry)), entry];
      return 'added';
    }
    if (hold && !this.known.has(ref.id)) {
      this.held.set(ref.id, { ...ref, state: 'open', attempts: 0, entries: [entry] });
      return 'created';
    }
    if (this.known.has(ref.id)) return (await this.addToOpen(ref.id, entry)) ? 'added' : 'closed';
    if (await this.create(ref, entry)) return 'created';
    // Created before (another container, a concurrent sender): join it if it is still open.
    return (await this.addToOpen(ref.id, entry)) ? 'added' : 'closed';
  }

  private async create(ref: DigestRef, entry: DigestEntry): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: digestItem({ ...ref, state: 'open', attempts: 0, entries: [entry] }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      this.known.add(ref.id);
      if (this.contents.size >= MAX_REMEMBERED) this.contents.clear();
      this.contents.set(ref.id, { ...ref, state: 'open', attempts: 0, entries: [entry] });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async addToOpen(id: string, entry: DigestEntry): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: digestKey(id),
          UpdateExpression: 'SET entries.#k = :e',
          ConditionExpression: '#state = :open',
          ExpressionAttributeNames: { '#k': entryKey(entry), '#state': 'state' },
          ExpressionAttributeValues: { ':e': entry, ':open': 'open' },
        }),
      );
      this.known.add(id);
      const mine = this.contents.get(id);
      if (mine) mine.entries = [...mine.entries.filter((e) => entryKey(e) !== entryKey(entry)), entry];
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  written(id: string): WrittenDigest | undefined {
    const held = this.held.get(id);
    const mine = held ?? this.contents.get(id);
    return mine && { digest: { ...mine, entries: [...mine.entries].sort(byPlannedAt) }, stored: !held };
  }

  release(id: string) {
    const held = this.held.get(id);
    this.held.delete(id);
    if (!held) return undefined;
    const { entries, state: _s, attempts: _a, ...ref } = held;
    return { ref, entries };
  }

  async get(id: string): Promise<Digest | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: digestKey(id), ConsistentRead: true }),
    );
    return Item ? toDigest(Item) : undefined;
  }

  async claim(id: string, now: string, staleBefore: string) {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: digestKey(id),
          UpdateExpression:
            'SET previousState = #state, #state = :sending, claimedAt = :now, attempts = attempts + :one',
          ConditionExpression: '#state IN (:open, :failed) OR (#state = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':open': 'open',
            ':failed': 'failed',
            ':now': now,
            ':stale': staleBefore,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!Attributes) return undefined;
      return { digest: toDigest(Attributes), reclaimed: Attributes.previousState === 'sending' };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async claimItems(
    claims: readonly ItemClaim[],
    reclaimable: readonly Reminder['outcome'][],
    extra: ClaimWith = {},
  ) {
    const { digest } = extra;
    if (!digest?.create) {
      // Claimed now, or changed by someone else: read it from now on.
      if (digest) this.contents.delete(digest.id);
      return this.sends.claim(claims, reclaimable, extra);
    }
    const held = this.held.get(digest.id);
    if (!held) throw new Error(`digest ${digest.id} is not held here`);
    const result = await this.sends.claim(
      claims,
      reclaimable,
      extra,
      digestItem(claimedHeld(held, digest.claimedAt)),
    );
    if (result.digestClaimed) {
      this.held.delete(digest.id);
      this.known.add(digest.id);
    }
    return result;
  }

  async claimBatch(sends: readonly BatchClaim[]) {
    const created = new Map<string, Record<string, unknown>>();
    for (const { digest } of sends) {
      const held = digest.create ? this.held.get(digest.id) : undefined;
      if (digest.create && !held) throw new Error(`digest ${digest.id} is not held here`);
      if (held) created.set(digest.id, digestItem(claimedHeld(held, digest.claimedAt)));
    }
    const result = await this.sends.claimBatch(sends, created);
    for (const { digest } of result.committed ? sends.slice(0, result.included) : []) {
      this.held.delete(digest.id);
      this.contents.delete(digest.id);
      this.known.add(digest.id);
    }
    return result;
  }

  complete(
    id: string,
    state: 'sent' | 'failed' | 'abandoned',
    records: readonly Reminder[],
    detail?: string,
  ) {
    this.contents.delete(id);
    return this.sends.complete(id, state, records, detail);
  }

  markDue(digestId: string, at: Date, tick?: Date): Promise<void> {
    return this.marks.mark('digest', [shardOf(digestId)], at, tick);
  }

  markAllDue(at: Date, tick?: Date): Promise<void> {
    return this.marks.mark('digest', allShards, at, tick);
  }

  dueMarks(tick: Date): Promise<DueMarks> {
    return this.marks.read(tick);
  }

  clearDueMarks(read: readonly DueMark[], tick: Date, scanned: boolean): Promise<void> {
    return this.marks.clear(read, tick, scanned);
  }

  async listUnfinished(
    before: string,
    page: PageRequest = {},
    shards: readonly number[] = allShards,
  ): Promise<Page<Digest>> {
    const { items, cursor } = await queryMergedPage<Record<string, unknown>>(
      this.doc,
      this.tableName,
      {
        list: LIST,
        index: 'GSI3',
        partitions: shards.map(digestsPartition),
        below: `${new Date(before).toISOString()}#~`,
      },
      page,
    );
    return { items: items.map(toDigest), ...(cursor && { cursor }) };
  }
}
