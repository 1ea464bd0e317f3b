import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { awsDependencies } from '#shared/composition/aws';
import type { Dependencies } from '#shared/composition/dependencies';
import { engineDependencies } from '#shared/composition/engine';
import { logger } from '#shared/logger';
import { type SweepResult, sweep } from '#usecases/engine/index';

/** Daily at 07:30 Asia/Ho_Chi_Minh (Scheduler cron): missed checks, unsent digests, email statuses. */
export function createHandler(deps: Dependencies) {
  const engine = engineDependencies(deps);
  return middy<ScheduledEvent | Record<string, never>, SweepResult>()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      try {
        return await sweep(engine);
      } finally {
        engine.metrics.flush();
      }
    });
}

export const handler = createHandler(awsDependencies());
