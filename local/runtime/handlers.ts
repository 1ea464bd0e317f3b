import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  CloudWatchLogsEvent,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import type { Dependencies } from '#ports/dependencies';
import { createHandler as createApi } from '../../functions/api/http.ts';
import { createHandler as createReceipts } from '../../functions/logs/receipts.ts';
import { createHandler as createSweeper } from '../../functions/scheduled/sweeper.ts';
import { createHandler as createDispatcher } from '../../functions/scheduler/dispatcher.ts';
import { createHandler as createPlanner } from '../../functions/stream/planner.ts';

type Invoke<E, R> = (event: E, context: unknown) => Promise<R>;

/** The Lambda handlers, built with local dependencies. */
export interface Handlers {
  api: Invoke<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 | undefined>;
  planner: Invoke<DynamoDBStreamEvent, DynamoDBBatchResponse | undefined>;
  dispatcher: Invoke<unknown, unknown>;
  sweeper: Invoke<unknown, unknown>;
  receipts: Invoke<CloudWatchLogsEvent, unknown>;
}

/** The local composition root's side of the functions: each module's factory, given the local dependencies. */
export function createHandlers(deps: Dependencies): Handlers {
  return {
    api: createApi(deps) as Handlers['api'],
    planner: createPlanner(deps) as Handlers['planner'],
    dispatcher: createDispatcher(deps) as Handlers['dispatcher'],
    sweeper: createSweeper(deps) as Handlers['sweeper'],
    receipts: createReceipts(deps) as Handlers['receipts'],
  };
}
