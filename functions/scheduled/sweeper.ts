import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import type { Dependencies } from '#ports/dependencies';
import { awsSweeperDependencies } from '#shared/composition/aws';
import { lazyHandler } from '#shared/composition/lazy-handler';
import { logger } from '#shared/logger';
import { type SweepResult, sweep } from '#usecases/engine/index';

/** Daily at 07:30 Asia/Ho_Chi_Minh (Scheduler cron): missed checks, unsent digests, email statuses. */
export function createHandler(deps: Dependencies) {
  return middy<ScheduledEvent | Record<string, never>, SweepResult>()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      try {
        return await sweep(deps);
      } finally {
        deps.metrics.flush();
      }
    });
}

export const handler = lazyHandler(() => createHandler(awsSweeperDependencies()));
