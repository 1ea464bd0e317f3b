import { readFile, rename, writeFile } from 'node:fs/promises';

/** Where the stream poller left off, per shard. */
export interface Checkpoint {
  streamArn: string;
  /** How to open a shard that has no position yet (`TRIM_HORIZON` when dondoc created the table). */
  initial: 'TRIM_HORIZON' | 'LATEST';
  shards: Record<string, { seq?: string; done?: boolean }>;
}

export interface CheckpointStore {
  load(): Promise<Checkpoint | undefined>;
  save(checkpoint: Checkpoint): Promise<void>;
}

/** Keeps the checkpoint in memory (simulate, tests). */
export function memoryCheckpoints(initial?: Checkpoint): CheckpointStore {
  let saved = initial ? structuredClone(initial) : undefined;
  return {
    load: async () => (saved ? structuredClone(saved) : undefined),
    save: async (checkpoint) => {
      saved = structuredClone(checkpoint);
    },
  };
}

/**
 * Keeps the checkpoint in a JSON file of the data folder. Not in the table: a checkpoint write
 * would itself be a stream record, and the poller would chase its own tail.
 */
export function fileCheckpoints(file: string): CheckpointStore {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as Checkpoint;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async save(checkpoint) {
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(checkpoint, null, 2)}\n`);
      await rename(temp, file);
    },
  };
}
