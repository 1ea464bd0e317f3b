import * as dynamodb from '@aws-sdk/client-dynamodb';
import { ensureTable } from '#adapters/dynamodb/create-table';
import { startScratchDynamoDbLocal } from '#local/dynamodb-local';
import { simulate } from '#local/runtime/simulation';
import type { ImportDocumentInput } from '#schemas/import';
import type { Period } from './cost.ts';

/** What `simulate` costs DynamoDB Local alone: its requests replayed with no engine around them. */
export interface DynamoDbFloor {
  requests: number;
  seconds: number;
  /** Per operation: requests and milliseconds (mean per request). */
  byOperation: Record<string, { requests: number; meanMs: number }>;
}

type Recorded = { operation: string; input: unknown };

/** The SDK's command classes by name (`GetItemCommand`, …): a recorded request is sent again as it was. */
const commands = dynamodb as unknown as Record<
  string,
  (new (input: unknown) => dynamodb.GetItemCommand) | undefined
>;

/** The table's own set-up (`ensureTable`): not part of the run. */
const SETUP = new Set(['CreateTable', 'DescribeTable', 'DescribeTimeToLive', 'UpdateTimeToLive']);

/**
 * The floor under `simulate`'s time: the period's DynamoDB requests, recorded at the SDK as the
 * engine sent them (marshalled), then replayed one after the other on a fresh DynamoDB Local (on
 * disk, as `simulate` runs it) with no engine code around them. Whatever the engine does, a
 * simulated period cannot take less than its requests take here. Stream reads are not replayed
 * (the replay writes the same stream records, nobody reads them), so the floor is a little low.
 */
export async function dynamoDbFloor(document: ImportDocumentInput, period: Period): Promise<DynamoDbFloor> {
  const recorded: Recorded[] = [];
  await simulate({
    document,
    ...period,
    tableName: 'floor',
    instrument: (engine) =>
      engine.local.clients.dynamo.middlewareStack.add(
        (next, context) => async (args) => {
          const operation = String(context.commandName).replace(/Command$/, '');
          if (!SETUP.has(operation)) recorded.push({ operation, input: args.input });
          return next(args);
        },
        { step: 'build', name: 'benchFloorRecorder' },
      ),
  });
  const dynamo = await startScratchDynamoDbLocal();
  try {
    const client = new dynamodb.DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(client, 'floor');
    const spent = new Map<string, { requests: number; ms: number }>();
    const started = performance.now();
    for (const { operation, input } of recorded) {
      const Command = commands[`${operation}Command`];
      if (!Command) throw new Error(`no DynamoDB command ${operation}`);
      const sent = performance.now();
      // A condition that failed in the run fails here too: the same work for DynamoDB Local.
      await client.send(new Command(input)).catch(() => undefined);
      const entry = spent.get(operation) ?? { requests: 0, ms: 0 };
      entry.requests++;
      entry.ms += performance.now() - sent;
      spent.set(operation, entry);
    }
    return {
      requests: recorded.length,
      seconds: (performance.now() - started) / 1000,
      byOperation: Object.fromEntries(
        [...spent]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([operation, { requests, ms }]) => [operation, { requests, meanMs: ms / requests }]),
      ),
    };
  } finally {
    await dynamo.stop();
  }
}
