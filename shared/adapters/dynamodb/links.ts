import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConflictError } from '../../errors.ts';
import type { LinkAction, LinkStore, PersonalLink } from '../../ports/links.ts';
import { fromItem } from './keys.ts';
import { queryAll } from './query.ts';

/**
 * Personal links, what was done through them, and the rate-limit counters, in the one table
 * (item kinds added by issue 14, next to the Store's):
 *
 * | entity      | PK            | SK                    | GSI1PK / GSI1SK                                  | TTL (`expiresAt`)            |
 * | ----------- | ------------- | --------------------- | ------------------------------------------------ | ---------------------------- |
 * | link        | `LINK#<id>`   | `LINK`                | `LINKS#<unitId>#<contactId>` / `<createdAt>#<id>` | 400 days after `validUntil` |
 * | link action | `LINK#<id>`   | `ACT#<at>#<ulid>`     |                                              | 400 days after `at`          |
 * | rate        | `RATE#<bucket>#<window start>` | `RATE` |                                                 | 1 day after the window       |
 *
 * `id` is the SHA-256 of the code: a leaked table gives no working link.
 */
const KEEP_DAYS = 400;
const DAY_S = 86_400;
const epoch = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
const linkKey = (id: string) => ({ PK: `LINK#${id}`, SK: 'LINK' });
const contactPartition = (unitId: string, contactId: string) => `LINKS#${unitId}#${contactId}`;

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
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
          Item: {
            ...link,
            ...linkKey(link.id),
            GSI1PK: contactPartition(link.unitId, link.contactId),
            GSI1SK: `${link.createdAt}#${link.id}`,
            entity: 'link',
            expiresAt: epoch(link.validUntil) + KEEP_DAYS * DAY_S,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`link ${link.id} exists`);
      throw error;
    }
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
      ExpressionAttributeValues: { ':pk': contactPartition(unitId, contactId) },
      ScanIndexForward: false,
    });
  }

  async record(action: LinkAction): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...action,
          PK: `LINK#${action.linkId}`,
          SK: `ACT#${action.at}#${ulid()}`, // two actions in one millisecond are two records
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
      ExpressionAttributeValues: { ':pk': `LINK#${linkId}`, ':act': 'ACT#' },
    });
  }

  async hit(bucket: string, limit: number, windowSeconds: number, now: Date): Promise<boolean> {
    const start = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: `RATE#${bucket}#${start}`, SK: 'RATE' },
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
