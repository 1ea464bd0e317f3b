import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiDependencies } from '#ports/dependencies';
import { dispatch } from '#shared/api/dispatch';
import { authenticate, httpErrorMapper, jsonBody, matchRoute } from '#shared/api/middleware';
import { Router } from '#shared/api/router';
import { apiRoutes } from '#shared/api/routes';
import { awsApiDependencies } from '#shared/composition/aws';
import { lazyHandler } from '#shared/composition/lazy-handler';
import { logger as sharedLogger } from '#shared/logger';

/**
 * The HTTP API (API Gateway HTTP API, payload v2, JWT authorizer): one function for every route.
 * Middlewares in order: route match (404/405), token claims (401), JSON body (413/415/400); then
 * the handler authorizes, validates, calls one use case and shapes the reply. The error mapper
 * is registered last and turns every thrown error into its status (anything unknown: logged 500).
 * `options.logger` lets tests watch the error log; otherwise the one shared logger is used.
 */
export const createHandler = (deps: ApiDependencies, options: { logger?: Logger } = {}) => {
  const logger = options.logger ?? sharedLogger;
  const router = new Router(apiRoutes);
  return middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger))
    .use(matchRoute(router))
    .use(authenticate())
    .use(jsonBody())
    .use(httpErrorMapper(logger))
    .handler((event) => dispatch(event, deps, apiRoutes));
};

export const handler = lazyHandler(() => createHandler(awsApiDependencies()));
