import { gunzipSync } from 'node:zlib';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import type { SmsDeliveryLog } from '#domain/delivery';
import type { ReceiptsDependencies } from '#ports/dependencies';
import { smsDeliveryLogSchema } from '#schemas/receipts';
import { awsReceiptsDependencies } from '#shared/composition/aws';
import { lazyHandler } from '#shared/composition/lazy-handler';
import { logger } from '#shared/logger';
import { type ReceiptsResult, recordReceipts } from '#usecases/receipts/record-receipts';

/** The delivery-status records in one subscription-filter batch; a record that is not one is logged and skipped. */
export function decodeLogs(event: CloudWatchLogsEvent): SmsDeliveryLog[] {
  const data = JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
  if (data.messageType !== 'DATA_MESSAGE') return []; // CloudWatch's own check that the destination works
  return data.logEvents.flatMap((e) => {
    let json: unknown;
    try {
      json = JSON.parse(e.message);
    } catch {
      json = undefined;
    }
    const parsed = smsDeliveryLogSchema.safeParse(json);
    if (parsed.success) return [parsed.data as SmsDeliveryLog];
    logger.warn('not an SMS delivery-status record', { logGroup: data.logGroup, eventId: e.id });
    return [];
  });
}

/** Target of the subscription filters on SNS's SMS delivery-status log groups (success and failure). */
export function createHandler(deps: ReceiptsDependencies) {
  return middy<CloudWatchLogsEvent, ReceiptsResult>()
    .use(injectLambdaContext(logger))
    .handler((event) => recordReceipts(deps, decodeLogs(event)));
}

export const handler = lazyHandler(() => createHandler(awsReceiptsDependencies()));
