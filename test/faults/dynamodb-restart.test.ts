import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, freePort, startDynamoDbLocal } from '#local/dynamodb-local';
import { Engine } from '#local/runtime/engine';
import { importThroughApi } from '#local/runtime/seed-demo';
import { VirtualClock } from '#local/runtime/virtual-clock';
import { type Counts, duplicateSends, instrument } from '../../bench/instrument.ts';

/** Three departments, each head on SMS only, one task due Fri 13/03/2026 for all three. */
const DOCUMENT = {
  units: [
    { id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    ...['so-noi-vu', 'so-tu-phap', 'so-y-te'].map((id) => ({
      id,
      name: id,
      kind: 'department',
      parentId: 'ubnd-tinh',
    })),
  ],
  contacts: ['ubnd-tinh', 'so-noi-vu', 'so-tu-phap', 'so-y-te'].map((unitId, i) => ({
    id: `head-${unitId}`,
    unitId,
    name: `Thủ trưởng ${unitId}`,
    role: 'head',
    phone: `+8491200000${i}`,
    channels: ['sms'],
  })),
  directives: [
    {
      id: '276-ubnd-ncpc',
      number: '276/UBND-NCPC',
      issuedOn: '2026-02-27',
      issuer: 'UBND tỉnh',
      title: 'Đôn đốc',
      tasks: [
        {
          id: 'bao-cao',
          title: 'Báo cáo quý I',
          due: '2026-03-13',
          lead: ['so-noi-vu', 'so-tu-phap', 'so-y-te'],
        },
      ],
    },
  ],
};

const START = new Date('2026-03-01T17:00:00.000Z'); // Mon 02/03 00:00 local
const STOP_AT = new Date('2026-03-08T17:00:00.000Z'); // Mon 09/03 00:00: DynamoDB Local goes down
const DOWN_UNTIL = new Date('2026-03-12T05:00:00.000Z'); // Thu 12/03 12:00: back (Thu 08:00 -1wd check missed)
const END = new Date('2026-03-31T16:59:59.999Z');
const SETTINGS = { stage: 'test', officeUnitId: 'ubnd-tinh' };

async function engineOn(endpoint: string, tableName: string, clock: VirtualClock) {
  const engine = await Engine.create({
    endpoint,
    tableName,
    clock,
    settings: SETTINGS,
    confirmAfterMs: 60_000,
  });
  return { engine, counts: instrument(engine) };
}

const sentKeys = (counts: Counts) => [...counts.sends.keys()].sort();

describe('DynamoDB Local stopped and restarted under the local runtime', { timeout: 170_000 }, () => {
  let dataDir: string;
  let db: DynamoDbLocal;
  let port: number;
  let downFire: unknown;
  let downSweep: unknown;
  let sweepResult: { missedChecks: number; dispatched: number } | undefined;
  let outage: Counts;
  let reference: Counts;
  let before: Counts;

  beforeAll(async () => {
    // Prepare: the runtime on DynamoDB Local with its data on disk, the task imported, a week run.
    dataDir = await mkdtemp(path.join(tmpdir(), 'dondoc-faults-ddb-'));
    port = await freePort();
    db = await startDynamoDbLocal({ port, dataDir });
    const first = await engineOn(db.endpoint, 'faults-restart', new VirtualClock(START));
    await importThroughApi(first.engine, DOCUMENT);
    await first.engine.runUntil(STOP_AT);
    before = first.counts;

    // Act: DynamoDB Local stops; time passes the -1wd check while the runtime keeps trying.
    await db.stop();
    (first.engine.clock as VirtualClock).advanceTo(DOWN_UNTIL);
    downFire = await first.engine.tick().catch((error: unknown) => error);
    downSweep = await first.engine.sweep().catch((error: unknown) => error);

    // It comes back on the same folder and port; the runtime restarts and finds its schedules lost.
    db = await startDynamoDbLocal({ port, dataDir });
    const second = await engineOn(db.endpoint, 'faults-restart', new VirtualClock(DOWN_UNTIL));
    for (const s of second.engine.local.scheduler.pending())
      await second.engine.local.scheduler.remove((s.payload as { assignmentId: string }).assignmentId);
    const sweeper = second.engine.handlers.sweeper;
    second.engine.handlers.sweeper = async (event, context) => {
      const result = await sweeper(event, context);
      sweepResult ??= result as typeof sweepResult;
      return result;
    };
    await second.engine.runUntil(END);
    outage = second.counts;

    // The same month without an outage, on its own table, is the reference.
    const straight = await engineOn(db.endpoint, 'faults-reference', new VirtualClock(START));
    await importThroughApi(straight.engine, DOCUMENT);
    await straight.engine.runUntil(END);
    reference = straight.counts;
  }, 170_000);

  afterAll(async () => {
    await db?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('sent the first reminders before the outage', () => {
    expect(before.sends.size).toBeGreaterThan(0);
  });

  it('fails to run the window tick and to sweep while DynamoDB Local is down', () => {
    expect(downFire).toBeInstanceOf(Error);
    expect(downSweep).toBeInstanceOf(Error);
  });

  it('catches every missed check in the first sweep after the restart', () => {
    expect(sweepResult?.missedChecks).toBe(3);
    expect(sweepResult?.dispatched).toBe(3);
  });

  it('sends over the month exactly the reminders an uninterrupted run sends', () => {
    expect([...sentKeys(before), ...sentKeys(outage)].sort()).toEqual(sentKeys(reference));
  });

  it('sends none of them twice', () => {
    expect(duplicateSends(before) + duplicateSends(outage)).toBe(0);
    expect(sentKeys(before).filter((k) => outage.sends.has(k))).toEqual([]);
  });
});
