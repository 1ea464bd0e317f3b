import { DynamoDigestQueue } from '../adapters/dynamodb/digest-queue.ts';
import { DynamoStore } from '../adapters/dynamodb/store.ts';
import { CountingSendMetrics } from '../adapters/metrics/counting-send-metrics.ts';
import type { EngineDeps } from '../usecases/engine/engine-deps.ts';
import type { Dependencies } from './dependencies.ts';

/**
 * The engine's dependencies from a handler's: the digest queue given by the composition root, or
 * the DynamoDB one on the same table as a DynamoStore (AWS and the local runtime); the send
 * metrics given, or counted in memory.
 */
export function engineDependencies(deps: Dependencies): EngineDeps {
  const metrics = deps.metrics ?? new CountingSendMetrics();
  if (deps.digests) return { ...deps, digests: deps.digests, metrics };
  if (deps.store instanceof DynamoStore) {
    return { ...deps, digests: new DynamoDigestQueue(deps.store.doc, deps.store.tableName), metrics };
  }
  throw new Error('the engine needs a digest queue: pass `digests` or a DynamoStore');
}
