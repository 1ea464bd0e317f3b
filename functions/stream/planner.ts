import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { decodeStreamRecord } from '#adapters/dynamodb/stream-records';
import type { PlannerDependencies } from '#ports/dependencies';
import { awsPlannerDependencies } from '#shared/composition/aws';
import { lazyHandler } from '#shared/composition/lazy-handler';
import { logger } from '#shared/logger';
import { planBatch } from '#usecases/engine/index';

/**
 * DynamoDB Streams consumer (NEW_AND_OLD_IMAGES, ReportBatchItemFailures): keeps one schedule per
 * open assignment, replans on policy and calendar changes. Returns the failed records only.
 */
export function createHandler(deps: PlannerDependencies) {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const records = event.Records.map((record: DynamoDBRecord, i) => ({
        sequence: record.dynamodb?.SequenceNumber ?? record.eventID ?? String(i),
        record,
      }));
      const failed = await planBatch(deps, records, decodeStreamRecord);
      if (failed.length > 0)
        logger.warn('stream batch had failures', { records: records.length, failed: failed.length });
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    });
}

export const handler = lazyHandler(() => createHandler(awsPlannerDependencies()));
