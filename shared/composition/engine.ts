import { DynamoDigestQueue } from '../adapters/dynamodb/digest-queue.ts';
import { DynamoStore } from '../adapters/dynamodb/store.ts';
import type { EngineDeps } from '../usecases/engine/engine-deps.ts';
import type { Dependencies } from './dependencies.ts';

/**
 * The engine's dependencies from a handler's: the digest queue given by the composition root, or
 * the DynamoDB one on the same table as a DynamoStore (AWS and the local runtime).
 */
export function engineDependencies(deps: Dependencies): EngineDeps {
  if (deps.digests) return { ...deps, digests: deps.digests };
  if (deps.store instanceof DynamoStore) {
    return { ...deps, digests: new DynamoDigestQueue(deps.store.doc, deps.store.tableName) };
  }
  throw new Error('the engine needs a digest queue: pass `digests` or a DynamoStore');
}
