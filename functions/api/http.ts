import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dispatch } from '#shared/api/dispatch';
import { authenticate, httpErrorMapper, jsonBody, matchRoute } from '#shared/api/middleware';
import { Router } from '#shared/api/router';
import { apiRoutes } from '#shared/api/routes';
import { awsDependencies } from '#shared/composition/aws';
import type { Dependencies } from '#shared/composition/dependencies';

/**
 * The HTTP API (API Gateway HTTP API, payload v2, JWT authorizer): one function for every route.
 * Middlewares in order: route match (404/405), token claims (401), JSON body (413/415/400); then
 * the handler authorizes, validates, calls one use case and shapes the reply. The error mapper
 * is registered last and turns every thrown error into its status (anything unknown: logged 500).
 */
export const createHandler = (deps: Dependencies, options: { logger?: Logger } = {}) => {
  const logger = options.logger ?? new Logger({ serviceName: 'dondoc-api' });
  const router = new Router(apiRoutes);
  return middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>()
    .use(matchRoute(router))
    .use(authenticate())
    .use(jsonBody())
    .use(httpErrorMapper(logger))
    .handler((event) => dispatch(event, deps, apiRoutes));
};

export const handler = createHandler(awsDependencies());
