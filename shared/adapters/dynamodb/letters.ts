import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LetterStore, LetterSummary, StoredLetter } from '../../ports/letters.ts';
import type { Page, PageRequest } from '../../ports/store.ts';
import { isConditionFailure } from './conditions.ts';
import { fromItem, letterIndexKeys, letterKey, lettersPartition } from './keys.ts';
import { queryPage } from './query.ts';

/**
 * Drafted letters in the one table (key shapes in keys.ts). The content is a few hundred bytes per
 * listed task (a province's 300 late items stay far below DynamoDB's 400 KB item limit; the use
 * case caps a letter at 500 items). Kept for good: a letter is part of the office's record.
 */

function summary(letter: StoredLetter): LetterSummary {
  return {
    id: letter.id,
    createdAt: letter.createdAt,
    createdBy: letter.createdBy,
    subject: letter.letter.subject,
    units: letter.letter.recipients.length,
    items: letter.letter.items.length,
  };
}

export class DynamoLetterStore implements LetterStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(letter: StoredLetter): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...letter,
            ...letterKey(letter.id),
            ...letterIndexKeys(letter.createdAt, letter.id),
            entity: 'letter',
            summary: summary(letter),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<StoredLetter | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: letterKey(id) }));
    if (!result.Item) return undefined;
    const { summary: _s, ...rest } = fromItem<StoredLetter & { summary: unknown }>(result.Item);
    return rest;
  }

  async list(page?: PageRequest): Promise<Page<LetterSummary>> {
    const read = await queryPage<{ summary: LetterSummary }>(
      this.doc,
      {
        list: 'letters',
        index: 'GSI1',
        partition: lettersPartition,
        input: {
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': lettersPartition },
          ProjectionExpression: 'PK, SK, GSI1PK, GSI1SK, summary',
          ScanIndexForward: false,
        },
      },
      page,
    );
    return { ...read, items: read.items.map((i) => i.summary) };
  }
}
