import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DispatcherDependencies } from '#ports/dependencies';
import { checkPayloadSchema } from '#schemas/payloads';
import { toFieldIssues } from '#schemas/validation';
import { awsDispatcherDependencies } from '#shared/composition/aws';
import { lazyHandler } from '#shared/composition/lazy-handler';
import { ValidationError } from '#shared/errors';
import { logger } from '#shared/logger';
import { type DigestResult, type DispatchResult, type DrainResult, dispatch } from '#usecases/engine/index';

/**
 * Target of the one-time schedules. Event: `{v:1, assignmentId, planVersion}` (an assignment's
 * check, test/fixtures/check-payload.v1.json) or the same shape with a `window.` id (a send
 * window's paced drain, which stops in time and schedules its own resume) or a `digest.` id (one
 * digest, test/fixtures/digest-payload.v1.json). A transient failure of a check or a single digest
 * throws so the fire is retried.
 */
export function createHandler(deps: DispatcherDependencies) {
  return middy<unknown, DispatchResult | DigestResult | DrainResult>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => {
      const parsed = checkPayloadSchema.safeParse(event);
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error);
        logger.error('invalid schedule payload', { issues });
        throw new ValidationError('invalid schedule payload', issues);
      }
      try {
        return await dispatch(deps, parsed.data, { remainingMs: context.getRemainingTimeInMillis() });
      } finally {
        deps.metrics.flush();
      }
    });
}

export const handler = lazyHandler(() => createHandler(awsDispatcherDependencies()));
