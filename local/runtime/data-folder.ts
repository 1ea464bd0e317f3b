import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '#local/cli';

/** What the lock file of a data folder says about the runtime holding it. */
export interface LockInfo {
  pid: number;
  /** The API's URL, so `seed` and `token` can talk to the running runtime. */
  apiUrl?: string;
  dynamoEndpoint?: string;
  startedAt: string;
}

export const paths = (dataDir: string) => ({
  db: join(dataDir, 'db'),
  outbox: join(dataDir, 'outbox'),
  deadLetter: join(dataDir, 'dead-letter'),
  lock: join(dataDir, 'dondoc.lock'),
  checkpoint: join(dataDir, 'stream-checkpoint.json'),
  state: join(dataDir, 'state.json'),
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock of a data folder; undefined when there is none or its process is gone. */
export async function readLiveLock(dataDir: string): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(paths(dataDir).lock, 'utf8')) as LockInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data folder for this process: one runtime per folder (DynamoDB Local keeps one
 * database file). A lock left by a process that no longer runs is taken over.
 */
export async function acquireLock(dataDir: string, info: Omit<LockInfo, 'pid' | 'startedAt'> = {}) {
  const file = paths(dataDir).lock;
  await mkdir(dataDir, { recursive: true });
  const body = (extra: Partial<LockInfo>) =>
    `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...info, ...extra })}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(body({}));
      await handle.close();
      return {
        update: (extra: Partial<LockInfo>) => writeFile(file, body(extra)),
        release: () => rm(file, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readLiveLock(dataDir);
      if (holder && holder.pid !== process.pid) {
        throw new CliError(
          `the data folder ${dataDir} is in use by another dondoc (pid ${holder.pid}${holder.apiUrl ? `, API on ${holder.apiUrl}` : ''}): stop it first (Ctrl-C in its terminal) or pass --data OTHER_FOLDER`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new CliError(`could not lock the data folder ${dataDir}: remove ${file} and try again`);
}

export interface RuntimeState {
  demoSeededAt?: string;
  /** The day the demo's deadlines were shifted around. */
  demoToday?: string;
}

export async function readState(dataDir: string): Promise<RuntimeState> {
  try {
    return JSON.parse(await readFile(paths(dataDir).state, 'utf8')) as RuntimeState;
  } catch {
    return {};
  }
}

export async function writeState(dataDir: string, state: RuntimeState): Promise<void> {
  await writeFile(paths(dataDir).state, `${JSON.stringify(state, null, 2)}\n`);
}
