import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConflictError } from '../../errors.ts';
import type { LinkAction, LinkStore, PersonalLink } from '../../ports/links.ts';
import { isConditionFailure } from './conditions.ts';
import {
  contactLinksPartition,
  fromItem,
  linkActionKey,
  linkActionsPrefix,
  linkIndexKeys,
  linkKey,
  rateKey,
} from './keys.ts';
import { queryAll } from './query.ts';

/**
 * Personal links, what was done through them, and the rate-limit counters, in the one table (key
 * shapes in keys.ts). `id` is the SHA-256 of the code: a leaked table gives no working link.
 * Links and their actions are kept 400 days after the link's end (the audit trail); counters a day.
 */
const KEEP_DAYS = 400;
const DAY_S = 86_400;
const epoch = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

/** What is stored of a link besides its key (the link, its index keys, the entity tag and the TTL). */
function linkAttributes(link: PersonalLink): Record<string, unknown> {
  return {
    ...link,
    ...linkIndexKeys(link),
    entity: 'link',
    expiresAt: epoch(link.validUntil) + KEEP_DAYS * DAY_S,
  };
}

/**
 * A link as ONE idempotent write that cannot fail on a replay: every attribute is set only where
 * absent (`if_not_exists`), so minting the same message's link again changes nothing and a revoked
 * link stays revoked. Usable alone (UpdateCommand) or as the `Update` of a TransactWriteItems, to
 * join the send path's other per-message writes in one request.
 */
export function ensureLinkUpdate(tableName: string, link: PersonalLink) {
  const entries = Object.entries(linkAttributes(link)).filter(([, value]) => value !== undefined);
  return {
    TableName: tableName,
    Key: linkKey(link.id),
    UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = if_not_exists(#a${i}, :v${i})`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
  };
}

export class DynamoLinkStore implements LinkStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(link: PersonalLink): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...linkAttributes(link), ...linkKey(link.id) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`link ${link.id} exists`);
      throw error;
    }
  }

  async ensure(link: PersonalLink): Promise<void> {
    await this.doc.send(new UpdateCommand(ensureLinkUpdate(this.tableName, link)));
  }

  async get(id: string): Promise<PersonalLink | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: linkKey(id) }));
    return result.Item ? fromItem<PersonalLink>(result.Item) : undefined;
  }

  async revoke(id: string, by: string, at: string): Promise<PersonalLink | undefined> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: linkKey(id),
          UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at, ':by': by },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return this.get(id);
  }

  listOfContact(unitId: string, contactId: string): Promise<PersonalLink[]> {
    return queryAll<PersonalLink>(this.doc, {
      TableName: this.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': contactLinksPartition(unitId, contactId) },
      ScanIndexForward: false,
    });
  }

  async record(action: LinkAction): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...action,
          ...linkActionKey(action.linkId, action.at, ulid()),
          entity: 'link-action',
          expiresAt: epoch(action.at) + KEEP_DAYS * DAY_S,
        },
      }),
    );
  }

  listActions(linkId: string): Promise<LinkAction[]> {
    return queryAll<LinkAction>(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :act)',
      ExpressionAttributeValues: { ':pk': linkKey(linkId).PK, ':act': linkActionsPrefix },
    });
  }

  async hit(bucket: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    const start = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rateKey(bucket, start),
          UpdateExpression: 'ADD hits :one SET expiresAt = :ttl, #entity = :rate',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeNames: { '#entity': 'entity' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':ttl': start + windowSeconds + DAY_S,
            ':rate': 'rate',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
