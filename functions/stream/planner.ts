import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { decodeStreamRecord } from '#adapters/dynamodb/stream-records';
import { awsDependencies } from '#shared/composition/aws';
import type { Dependencies } from '#shared/composition/dependencies';
import { engineDependencies } from '#shared/composition/engine';
import { logger } from '#shared/logger';
import { planBatch } from '#usecases/engine/index';

/**
 * DynamoDB Streams consumer (NEW_AND_OLD_IMAGES, ReportBatchItemFailures): keeps one schedule per
 * open assignment, replans on policy and calendar changes. Returns the failed records only.
 */
export function createHandler(deps: Dependencies) {
  const engine = engineDependencies(deps);
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const records = event.Records.map((record: DynamoDBRecord, i) => ({
        sequence: record.dynamodb?.SequenceNumber ?? record.eventID ?? String(i),
        record,
      }));
      const failed = await planBatch(engine, records, decodeStreamRecord);
      if (failed.length > 0)
        logger.warn('stream batch had failures', { records: records.length, failed: failed.length });
      return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
    });
}

export const handler = createHandler(awsDependencies());
