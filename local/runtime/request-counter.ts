/** Requests per DynamoDB (and DynamoDB Streams) operation, e.g. `{ Query: 120, PutItem: 40 }`. */
export type RequestCounts = Record<string, number>;

/** What `countRequests` returns: live counters over the wrapped clients. */
export interface RequestCounter {
  /** A copy of the counts so far, operations sorted by name, plus `total`. */
  counts(): RequestCounts & { total: number };
  /** Requests so far (all operations, or those named). */
  total(operations?: readonly string[]): number;
  /** Milliseconds spent waiting for each operation's responses (summed; overlapping requests add up). */
  milliseconds(): RequestCounts;
  reset(): void;
  /** Stops counting (removes the middleware from every client). */
  detach(): void;
}

/** Anything with an SDK v3 middleware stack: a DynamoDBClient, a DynamoDBStreamsClient, a DocumentClient. */
export interface Instrumentable {
  middlewareStack: {
    // biome-ignore lint/suspicious/noExplicitAny: each SDK client types its middleware stack differently; any of them is accepted
    add(middleware: any, options: { step: 'initialize'; name: string; override: boolean }): void;
    remove(name: string): boolean;
  };
}

let instances = 0;

/**
 * Counts the requests made through the given clients, per operation (`GetItem`, `Query`,
 * `TransactWriteItems`, `GetRecords`, …): an opt-in instrument of the local runtime (`simulate
 * --stats`, the bench's cost per reminder). A DocumentClient shares its DynamoDBClient's middleware
 * stack, so wrapping either counts both; each client is wrapped once per counter (counters are
 * independent: several may count the same client). One count per command sent
 * (SDK retries of the same command are not counted again).
 */
export function countRequests(...clients: Instrumentable[]): RequestCounter {
  const name = `dondocRequestCounter${++instances}`;
  const counts = new Map<string, number>();
  const waited = new Map<string, number>();
  const stacks = [...new Set(clients.map((c) => c.middlewareStack))];
  for (const stack of stacks) {
    stack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
        async (args: unknown) => {
          const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
          counts.set(operation, (counts.get(operation) ?? 0) + 1);
          const started = performance.now();
          try {
            return await next(args);
          } finally {
            waited.set(operation, (waited.get(operation) ?? 0) + performance.now() - started);
          }
        },
      { step: 'initialize', name, override: true },
    );
  }
  return {
    counts() {
      const out: RequestCounts & { total: number } = { total: 0 };
      for (const [operation, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
        out[operation] = n;
        out.total += n;
      }
      return out;
    },
    total(operations) {
      let n = 0;
      for (const [operation, count] of counts) if (!operations || operations.includes(operation)) n += count;
      return n;
    },
    milliseconds() {
      return Object.fromEntries(
        [...waited].sort(([a], [b]) => a.localeCompare(b)).map(([op, ms]) => [op, Math.round(ms)]),
      );
    },
    reset() {
      counts.clear();
      waited.clear();
    },
    detach() {
      for (const stack of stacks) stack.remove(name);
    },
  };
}
