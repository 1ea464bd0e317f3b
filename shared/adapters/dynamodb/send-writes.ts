import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors.ts';
import type { ClaimResult, ClaimWith, DigestClaim, ItemClaim } from '../../ports/digest-queue.ts';
import type { Reminder } from '../../schemas/entities.ts';
import { assignmentPk, digestKey, messageRefItem, reminderItem } from './keys.ts';
import { ensureLinkUpdate } from './links.ts';
import { maxTransactionItems } from './write.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attempts of one transaction against concurrent writers of the same items (TransactionConflict). */
const MAX_ROUNDS = 4;

function cancellation(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}

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
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': version },
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
      if (items.length === 1 && error instanceof Error && error.name === 'ConditionalCheckFailedException')
        return ['ConditionalCheckFailed'];
      const codes = cancellation(error);
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
