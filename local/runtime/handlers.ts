import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import type { Dependencies } from '#shared/composition/dependencies';

type Invoke<E, R> = (event: E, context: unknown) => Promise<R>;

/** The four Lambda handlers, built with local dependencies. */
export interface Handlers {
  api: Invoke<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 | undefined>;
  planner: Invoke<DynamoDBStreamEvent, DynamoDBBatchResponse | undefined>;
  dispatcher: Invoke<unknown, unknown>;
  sweeper: Invoke<unknown, unknown>;
}

/**
 * The functions/ modules build their AWS dependencies at import (clients connect only when used)
 * and parse the environment, so it gets local values first; the runtime then calls each module's
 * `createHandler` with the local dependencies.
 */
export async function loadHandlers(deps: Dependencies, tableName: string): Promise<Handlers> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.TABLE_NAME ??= tableName;
  process.env.STAGE ??= deps.settings.stage;
  process.env.OFFICE_UNIT_ID ??= deps.settings.officeUnitId;
  process.env.AWS_REGION ??= 'ap-southeast-1';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const [api, planner, dispatcher, sweeper] = await Promise.all([
    import('../../functions/api/http.ts'),
    import('../../functions/stream/planner.ts'),
    import('../../functions/scheduler/dispatcher.ts'),
    import('../../functions/scheduled/sweeper.ts'),
  ]);
  return {
    api: api.createHandler(deps) as Handlers['api'],
    planner: planner.createHandler(deps) as Handlers['planner'],
    dispatcher: dispatcher.createHandler(deps) as Handlers['dispatcher'],
    sweeper: sweeper.createHandler(deps) as Handlers['sweeper'],
  };
}
