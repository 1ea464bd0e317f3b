import { mkdir } from 'node:fs/promises';
import { CliError } from '#local/cli';
import { JavaMissingError, startDynamoDbLocal } from '#local/dynamodb-local';
import { acquireLock, paths } from './data-folder.ts';
import { adminClaims, Engine } from './engine.ts';
import { DEFAULT_OFFICE, TABLE_NAME } from './runtime.ts';
import { realClock } from './seed-demo.ts';
import { fileCheckpoints } from './stream-checkpoint.ts';

/**
 * Imports into a data folder no runtime holds: DynamoDB Local on `<data>/db`, POST /import through
 * the same API handler, the planner over the stream (schedules are kept in the table), then stop.
 */
export async function seedStoppedStore(dataDir: string, document: unknown, mode: 'create' | 'upsert') {
  const lock = await acquireLock(dataDir);
  const dir = paths(dataDir);
  try {
    await mkdir(dir.db, { recursive: true });
    const dynamo = await startDynamoDbLocal({ dataDir: dir.db }).catch((error: unknown) => {
      throw error instanceof JavaMissingError ? new CliError(error.message) : error;
    });
    try {
      const engine = await Engine.create({
        endpoint: dynamo.endpoint,
        tableName: TABLE_NAME,
        clock: realClock(),
        settings: { officeUnitId: DEFAULT_OFFICE },
        outboxDir: dir.outbox,
        checkpoints: fileCheckpoints(dir.checkpoint),
      });
      const result = await engine.api({
        method: 'POST',
        path: `/import?mode=${mode}`,
        body: document,
        claims: adminClaims(),
      });
      await engine.poller.drain();
      return result;
    } finally {
      await dynamo.stop();
    }
  } finally {
    await lock.release();
  }
}
