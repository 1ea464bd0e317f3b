import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors.ts';
import type {
  BatchClaim,
  BatchClaimResult,
  ClaimResult,
  ClaimWith,
  DigestClaim,
  ItemClaim,
} from '../../ports/digest-queue.ts';
import type { Reminder } from '../../schemas/entities.ts';
import { cancellationCodes, isConditionFailure, versionIs } from './conditions.ts';
import { assignmentPk, digestKey, messageRefItem, reminderItem } from './keys.ts';
import { ensureLinkUpdate } from './links.ts';
import { maxTransactionItems } from './write.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attempts of one transaction against concurrent writers of the same items (TransactionConflict). */
const MAX_ROUNDS = 4;

const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));

/**
 * # The writes of one send, batched
 *
 * A message's items are claimed in ONE TransactWriteItems (a conditional put of each log record,
 * plus a ConditionCheck that each assignment is still at the version the message's text was taken
 * from), and its outcome is recorded in ONE more (each record's outcome, the SNS message refs, the
 * digest's state): two requests per message instead of four or five per item. The message's
 * personal link rides on the claim (an Update with `if_not_exists` values, which cannot cancel
 * the transaction, so a revoked link stays revoked). Nothing of a
 * cancelled transaction is written, so a record someone else holds, or an assignment that moved,
 * is left out and the rest claimed again.
 */
export class SendWrites {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly reminderTtlDays: number,
  ) {}

  /**
   * `extra.digest`: the digest's own claim (still open, with exactly its known entries) goes into
   * the first transaction: if it fails, nothing is written and `digestClaimed` is false.
   * `extra.link`: the message's link goes into the first transaction that commits. `created`: the
   * item of a digest created already claimed (`DigestClaim.create`), put only if absent.
   */
  async claim(
    claims: readonly ItemClaim[],
    reclaimable: readonly Reminder['outcome'][],
    extra: ClaimWith = {},
    created?: Record<string, unknown>,
  ): Promise<ClaimResult> {
    const result: ClaimResult = { won: [], stale: [], ...(extra.link && { linkWritten: false }) };
    let { digest, link } = extra;
    for (let i = 0; i < claims.length; ) {
      const lead = [
        ...(digest ? [this.#digestClaim(digest, created)] : []),
        ...(link ? [{ Update: ensureLinkUpdate(this.tableName, link) }] : []),
      ];
      const chunk: ItemClaim[] = [];
      const checked = new Set<string>();
      for (; i < claims.length; i++) {
        const c = claims[i] as ItemClaim;
        const extraItems = lead.length + (c.expect && !checked.has(c.expect.assignmentId) ? 2 : 1);
        if (chunk.length + checked.size + extraItems > maxTransactionItems) break;
        chunk.push(c);
        if (c.expect) checked.add(c.expect.assignmentId);
      }
      const committed = await this.#claimChunk(chunk, reclaimable, result, lead, Boolean(digest));
      if (digest && !committed) return { won: [], stale: result.stale, digestClaimed: false };
      if (digest) result.digestClaimed = true;
      if (link && committed) {
        result.linkWritten = true;
        link = undefined;
      }
      digest = undefined;
    }
    return result;
  }

  /**
   * The first claims of several digests in ONE transaction: the leading ones whose items fit in
   * 100 and touch no item twice (an assignment in two digests is checked once, at one version).
   * All or nothing: a cancelled transaction wrote nothing and `committed` is false (the caller
   * claims those digests one by one); any other error is thrown. `created`: the items of held digests, by digest id.
   */
  async claimBatch(
    sends: readonly BatchClaim[],
    created: ReadonlyMap<string, Record<string, unknown>>,
  ): Promise<BatchClaimResult> {
    const items: TransactItem[] = [];
    const versions = new Map<string, number>();
    let included = 0;
    for (const s of sends) {
      const mine = this.#batchItems(s, created.get(s.digest.id), versions);
      if (!mine || items.length + mine.items.length > maxTransactionItems) break;
      items.push(...mine.items);
      for (const [id, v] of mine.checked) versions.set(id, v);
      included++;
    }
    if (included < 2) return { included: 0, committed: false, won: [] };
    const codes = await this.#transact(items);
    const won = codes ? [] : sends.slice(0, included).flatMap((s) => s.claims.map((c) => c.record));
    return { included, committed: !codes, won };
  }

  /** One digest's part of a batch, or undefined when it checks an assignment at another version. */
  #batchItems(s: BatchClaim, created: Record<string, unknown> | undefined, versions: Map<string, number>) {
    const checked = new Map<string, number>();
    for (const c of s.claims) {
      if (!c.expect) continue;
      const { assignmentId: id, version } = c.expect;
      if ((versions.get(id) ?? checked.get(id) ?? version) !== version) return undefined;
      if (!versions.has(id)) checked.set(id, version);
    }
    const items: TransactItem[] = [
      this.#digestClaim(s.digest, created),
      ...(s.link ? [{ Update: ensureLinkUpdate(this.tableName, s.link) }] : []),
      ...[...checked].map(([id, version]) => this.#versionCheck(id, version)),
      ...s.claims.map((c) => this.#claimPut(c.record, s.reclaimable)),
    ];
    return { items, checked };
  }

  /**
   * One chunk, again without what failed; true once a transaction committed. `lead`: items written
   * with it (the digest's claim first when `digestFirst`: its failure writes nothing).
   */
  async #claimChunk(
    chunk: ItemClaim[],
    reclaimable: readonly Reminder['outcome'][],
    result: ClaimResult,
    lead: TransactItem[],
    digestFirst: boolean,
  ): Promise<boolean> {
    let left = chunk;
    for (let round = 0; left.length > 0; round++) {
      if (round === MAX_ROUNDS)
        throw new ConflictError('the reminder log kept changing while it was being claimed');
      const versions = new Map<string, number>();
      for (const c of left) if (c.expect) versions.set(c.expect.assignmentId, c.expect.version);
      const checks = [...versions].map(([id, version]) => this.#versionCheck(id, version));
      const puts = left.map((c) => this.#claimPut(c.record, reclaimable));
      const codes = await this.#transact([...lead, ...checks, ...puts]);
      if (!codes) {
        result.won.push(...left.map((c) => c.record));
        return true;
      }
      if (digestFirst && codes[0] === 'ConditionalCheckFailed') return false;
      const at = lead.length;
      const stale = new Set(
        [...versions.keys()].filter((_, n) => codes[at + n] === 'ConditionalCheckFailed'),
      );
      const taken = new Set(
        left.filter((_, n) => codes[at + checks.length + n] === 'ConditionalCheckFailed'),
      );
      result.stale.push(...stale);
      if (stale.size === 0 && taken.size === 0) await pause(round); // a conflict with another writer: again
      left = left.filter((c) => !taken.has(c) && !(c.expect && stale.has(c.expect.assignmentId)));
    }
    return false;
  }

  #digestClaim(d: DigestClaim, created: Record<string, unknown> | undefined): TransactItem {
    if (created)
      return {
        Put: { TableName: this.tableName, Item: created, ConditionExpression: 'attribute_not_exists(PK)' },
      };
    return {
      Update: {
        TableName: this.tableName,
        Key: digestKey(d.id),
        UpdateExpression:
          'SET previousState = #state, #state = :sending, claimedAt = :now, attempts = attempts + :one',
        ConditionExpression: '#state = :open AND size(entries) = :n',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':open': 'open',
          ':now': d.claimedAt,
          ':one': 1,
          ':n': d.entries,
        },
      },
    };
  }

  /** Records each claimed record's outcome, the message refs and the digest's state. */
  async complete(
    id: string,
    state: 'sent' | 'failed' | 'abandoned',
    records: readonly Reminder[],
    detail?: string,
  ) {
    const items = records.flatMap((r): TransactItem[] => [
      {
        Put: {
          TableName: this.tableName,
          Item: reminderItem(r, this.reminderTtlDays),
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
      ...(r.messageId ? [{ Put: { TableName: this.tableName, Item: messageRefItem(r, r.messageId) } }] : []),
    ]);
    // The digest's state goes last, with the last chunk: a digest marked done has every record written.
    const chunks: TransactItem[][] = [];
    for (let i = 0; i < items.length; i += maxTransactionItems - 1)
      chunks.push(items.slice(i, i + maxTransactionItems - 1));
    chunks.at(-1)?.push(this.#finish(id, state, detail)) ?? chunks.push([this.#finish(id, state, detail)]);
    for (const chunk of chunks) await this.#write(chunk);
  }

  #versionCheck(assignmentId: string, version: number): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: { PK: assignmentPk(assignmentId), SK: 'ASG' },
        ...versionIs(version),
      },
    };
  }

  #claimPut(record: Reminder, reclaimable: readonly Reminder['outcome'][]): TransactItem {
    const values = Object.fromEntries(reclaimable.map((outcome, i) => [`:r${i}`, outcome]));
    const condition =
      reclaimable.length === 0
        ? 'attribute_not_exists(PK)'
        : `attribute_not_exists(PK) OR #outcome IN (${Object.keys(values).join(', ')})`;
    return {
      Put: {
        TableName: this.tableName,
        Item: reminderItem(record, this.reminderTtlDays),
        ConditionExpression: condition,
        ...(reclaimable.length > 0 && {
          ExpressionAttributeNames: { '#outcome': 'outcome' },
          ExpressionAttributeValues: values,
        }),
      },
    };
  }

  #finish(id: string, state: 'sent' | 'failed' | 'abandoned', detail?: string): TransactItem {
    const done = state !== 'failed';
    return {
      Update: {
        TableName: this.tableName,
        Key: digestKey(id),
        UpdateExpression: `SET #state = :state, detail = :detail${done ? ' REMOVE GSI3PK, GSI3SK' : ''}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state, ':detail': detail ?? state },
      },
    };
  }

  /** One write: a single Put as itself (half the capacity of a transaction), several as a transaction. */
  async #transact(items: TransactItem[]): Promise<string[] | undefined> {
    const [only] = items;
    try {
      if (items.length === 1 && only?.Put) await this.doc.send(new PutCommand(only.Put));
      else await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      if (items.length === 1 && isConditionFailure(error)) return ['ConditionalCheckFailed'];
      const codes = cancellationCodes(error);
      if (codes) return codes;
      throw error;
    }
  }

  async #write(items: TransactItem[]): Promise<void> {
    for (let round = 0; ; round++) {
      const codes = await this.#transact(items);
      if (!codes) return;
      if (codes.includes('ConditionalCheckFailed'))
        throw new ConflictError('a reminder record of this send was never claimed, or the digest is gone');
      if (round + 1 === MAX_ROUNDS)
        throw new ConflictError('the send could not be recorded: concurrent writes');
      await pause(round);
    }
  }
}
