import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { Write } from '../../ports/store.ts';
import { type Condition, cancellationCodes, isConditionFailure, versionIs } from './conditions.ts';
import { describeEntity, describeRef, refKey, toItem } from './keys.ts';

/** DynamoDB's limit on the items of one TransactWriteItems call. */
export const maxTransactionItems = 100;

/** One write translated: its request (Put or Delete) and the ConflictError its failed condition means. */
interface Prepared {
  put?: { TableName: string; Item: Record<string, unknown> } & Partial<Condition>;
  delete?: { TableName: string; Key: Record<string, string> } & Partial<Condition>;
  conflict?: () => ConflictError;
}

const absent: Condition = {
  ConditionExpression: 'attribute_not_exists(#pk)',
  ExpressionAttributeNames: { '#pk': 'PK' },
};

function stale(label: string, version: number): () => ConflictError {
  return () => new ConflictError(`${label} was changed by someone else (version ${version} expected)`);
}

function prepare(write: Write, tableName: string): Prepared {
  if (write.op === 'put') {
    const put = { TableName: tableName, Item: toItem(write.entity) };
    const label = describeEntity(write.entity);
    if (write.expect === undefined) return { put };
    if (write.expect === 'absent') {
      return { put: { ...put, ...absent }, conflict: () => new ConflictError(`${label} already exists`) };
    }
    return { put: { ...put, ...versionIs(write.expect) }, conflict: stale(label, write.expect) };
  }
  const del = { TableName: tableName, Key: { ...refKey(write.ref) } };
  if (write.expect === undefined) return { delete: del };
  return {
    delete: { ...del, ...versionIs(write.expect) },
    conflict: stale(describeRef(write.ref), write.expect),
  };
}

async function writeOne(doc: DynamoDBDocumentClient, prepared: Prepared): Promise<void> {
  try {
    if (prepared.put) await doc.send(new PutCommand(prepared.put));
    else if (prepared.delete) await doc.send(new DeleteCommand(prepared.delete));
  } catch (error) {
    if (prepared.conflict && isConditionFailure(error)) throw prepared.conflict();
    throw error;
  }
}

async function writeAll(doc: DynamoDBDocumentClient, prepared: Prepared[]): Promise<void> {
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: prepared.map((p) => (p.put ? { Put: p.put } : { Delete: p.delete })),
      }),
    );
  } catch (error) {
    const failed = cancellationCodes(error)?.indexOf('ConditionalCheckFailed') ?? -1;
    const conflict = failed >= 0 ? prepared[failed]?.conflict : undefined;
    if (conflict) throw conflict();
    throw error;
  }
}

/**
 * The Store's `write`: one change is a conditional Put/Delete, several are one TransactWriteItems
 * (all or nothing). A failed condition is a ConflictError naming the item; anything else propagates.
 */
export async function writeItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  writes: Write[],
): Promise<void> {
  if (writes.length > maxTransactionItems) {
    throw new ValidationError(
      `one change may write at most ${maxTransactionItems} items (this one writes ${writes.length})`,
      [{ path: 'writes', rule: `at most ${maxTransactionItems} items` }],
    );
  }
  const prepared = writes.map((w) => prepare(w, tableName));
  const [only] = prepared;
  if (only && prepared.length === 1) return writeOne(doc, only);
  if (prepared.length > 1) return writeAll(doc, prepared);
}
