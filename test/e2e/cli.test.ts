import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecret, verifyToken } from '#local/runtime/tokens';

const BIN = join(import.meta.dirname, '../../local/bin/dondoc.mjs');

function dondoc(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.trim().split('\n').filter(Boolean),
  };
}

let busy: Server | undefined;
afterEach(() => {
  busy?.close();
  busy = undefined;
});

describe('the dondoc command line', { timeout: 90_000 }, () => {
  it('says in one line that the port is busy and exits with 1', async () => {
    // Prepare
    busy = createServer();
    await new Promise<void>((resolve) => busy?.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    const data = await mkdtemp(join(tmpdir(), 'dondoc-cli-'));
    // Act
    const result = dondoc('start', '--port', String(port), '--data', data);
    // Assess
    expect([result.status, result.stderr]).toEqual([
      1,
      [
        `dondoc start: port ${port} is busy: stop what is using it, or start on another port with --port ${port + 1}`,
      ],
    ]);
  });

  it('says in one line that the data folder is held by a running dondoc and exits with 1', async () => {
    // Prepare
    const data = await mkdtemp(join(tmpdir(), 'dondoc-cli-'));
    await writeFile(
      join(data, 'dondoc.lock'),
      JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }),
    );
    // Act
    const result = dondoc('start', '--port', '0', '--data', data);
    // Assess
    expect([result.status, result.stderr.length, result.stderr[0]]).toEqual([
      1,
      1,
      `dondoc start: the data folder ${data} is in use by another dondoc (pid ${process.pid}): stop it first (Ctrl-C in its terminal) or pass --data OTHER_FOLDER`,
    ]);
  });

  it('prints a unit-head token that the runtime of that data folder accepts', async () => {
    // Prepare
    const data = await mkdtemp(join(tmpdir(), 'dondoc-cli-'));
    // Act
    const result = dondoc('token', '--role', 'unit-head', '--unit', 'so-noi-vu', '--data', data);
    // Assess
    const claims = await verifyToken(await loadSecret(data), result.stdout.trim());
    expect([claims['cognito:groups'], claims['custom:unitId']]).toEqual(['[unit-head]', 'so-noi-vu']);
  });

  it('prints the bare token on stdout and the console link that signs in with it on stderr', async () => {
    // Prepare
    const data = await mkdtemp(join(tmpdir(), 'dondoc-cli-'));
    // Act
    const result = dondoc('token', '--role', 'admin', '--data', data, '--url', 'http://127.0.0.1:3913/');
    // Assess
    const token = result.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(result.stderr).toEqual([
      `Web console, signed in with this token: http://127.0.0.1:3913/?token=${token}`,
    ]);
  });

  it('refuses a unit-head token without a unit', () => {
    // Act
    const result = dondoc('token', '--role', 'unit-head');
    // Assess
    expect([result.status, result.stderr]).toEqual([
      1,
      ['dondoc token: a unit-head token needs --unit ID (e.g. --unit so-noi-vu)'],
    ]);
  });

  it('refuses a simulation without --data before starting DynamoDB Local', () => {
    // Act
    const result = dondoc('simulate', '--from', '2023-01-13', '--to', '2023-01-20');
    // Assess
    expect([result.status, result.stderr]).toEqual([1, ['dondoc simulate: --data FILE|demo is required']]);
  });

  it('names a bad date of a simulation and stops the DynamoDB Local it had started', () => {
    // Act
    const result = dondoc('simulate', '--data', 'demo', '--from', '2023-13-01', '--to', '2024-01-12');
    // Assess
    expect([result.status, result.stderr]).toEqual([
      1,
      ['dondoc simulate: --from must be a date YYYY-MM-DD'],
    ]);
  });
});
