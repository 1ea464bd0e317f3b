import { startDynamoDbLocal } from '#local/dynamodb-local';
import { Engine } from '#local/runtime/engine';
import type { OutboxMessage } from '#local/runtime/outbox';
import { SIMULATED_LINK_BASE } from '#local/runtime/simulation';
import { VirtualClock } from '#local/runtime/virtual-clock';
import type { Write } from '#ports/store';
import type { Assignment, Contact, Unit } from '#schemas/entities';

/** A morning's burst: every reminder of a big province due in the same 08:00 window. */
export interface BurstFigures {
  units: number;
  /** Reminder items sent (assignment × step × recipient). */
  reminders: number;
  /** SMS sent: one per recipient in the window. */
  messages: number;
  parts: number;
  partsPerSecond: number;
  /** Virtual seconds from the window's opening (08:00:00) to the last SMS. */
  drainSeconds: number;
  /** parts ÷ rate: the least time the sender ID allows. */
  floorSeconds: number;
  /** SMS the rate-limited SNS stand-in refused (each retried after a backoff). */
  throttled: number;
  failed: number;
  /** Messages beyond one per recipient. */
  duplicates: number;
  wallSeconds: number;
}

export interface BurstOptions {
  units: number;
  assignmentsPerUnit: number;
  partsPerSecond: number;
}

/** Fri 20/03/2026 08:00 in Asia/Ho_Chi_Minh: the window every reminder falls in. */
const OPENING = new Date('2026-03-20T01:00:00.000Z');
const stamp = { version: 1, createdAt: '2026-03-01T01:00:00.000Z', updatedAt: '2026-03-01T01:00:00.000Z' };

/**
 * 500 units, each with a head and a focal officer and 10 assignments due that Friday: the default
 * policy's day-of SMS step makes 2 × 10 reminders per unit, 10,000 in all, due at the 08:00 tick.
 * The local runtime runs the window on a virtual clock, its SNS stand-in enforcing the rate.
 */
export async function benchBurst(options: BurstOptions): Promise<BurstFigures> {
  const started = performance.now();
  const dynamo = await startDynamoDbLocal();
  try {
    const clock = new VirtualClock(new Date(OPENING.getTime() - 60_000));
    const sms: OutboxMessage[] = [];
    const engine = await Engine.create({
      endpoint: dynamo.endpoint,
      tableName: `dondoc-burst-${Date.now().toString(36)}`,
      clock,
      // Every message carries its personal link, as in AWS (one link write per message).
      settings: {
        stage: 'burst',
        officeUnitId: 'vp-ubnd',
        smsPartsPerSecond: options.partsPerSecond,
        linkBase: SIMULATED_LINK_BASE,
      },
      persistSchedules: false,
      onMessage: (m) => {
        if (m.channel === 'sms') sms.push(m);
      },
    });
    await seedProvince(engine, options);
    await engine.runUntil(new Date(OPENING.getTime() + 3 * 3_600_000));
    return figures(engine, sms, options, (performance.now() - started) / 1000);
  } finally {
    await dynamo.stop();
  }
}

function figures(engine: Engine, sms: OutboxMessage[], o: BurstOptions, wallSeconds: number): BurstFigures {
  const perRecipient = new Map<string, number>();
  for (const m of sms) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
  const parts = sms.reduce((sum, m) => sum + m.segments, 0);
  const last = Math.max(...sms.map((m) => Date.parse(m.at)));
  const { counts } = engine.local.metrics;
  return {
    units: o.units,
    reminders: counts.sent.sms,
    messages: sms.length,
    parts,
    partsPerSecond: o.partsPerSecond,
    drainSeconds: (last - OPENING.getTime()) / 1000,
    floorSeconds: parts / o.partsPerSecond,
    throttled: engine.local.outbox.throttled,
    failed: counts.failed.sms + counts.failed.email,
    duplicates: [...perRecipient.values()].reduce((sum, n) => sum + n - 1, 0),
    wallSeconds,
  };
}

async function seedProvince(engine: Engine, o: BurstOptions): Promise<void> {
  const office: Unit = {
    id: 'vp-ubnd',
    name: 'Văn phòng UBND tỉnh',
    kind: 'office',
    parentId: null,
    ...stamp,
  };
  await engine.store.write([
    { op: 'put', entity: { kind: 'unit', value: office } },
    {
      op: 'put',
      entity: {
        kind: 'directive',
        value: {
          id: 'cv-1000',
          number: '1000/UBND-VP',
          issuedOn: '2026-03-02',
          issuer: 'UBND tỉnh',
          title: 'Báo cáo tháng 3',
          ...stamp,
        },
      },
    },
  ]);
  for (let u = 1; u <= o.units; u++) await engine.store.write(unitWrites(u, o.assignmentsPerUnit));
}

/** One unit (`xa-001`), its head and focal officer (unique +84 numbers) and its assignments. */
function unitWrites(u: number, assignments: number): Write[] {
  const id = `xa-${String(u).padStart(3, '0')}`;
  const unit: Unit = { id, name: `UBND xã số ${u}`, kind: 'commune', parentId: 'vp-ubnd', ...stamp };
  const person = (role: 'head' | 'focal', n: number): Contact => ({
    id: `${id}-${role}`,
    unitId: id,
    name: `${role === 'head' ? 'Chủ tịch' : 'Cán bộ'} xã ${u}`,
    role,
    phone: `+8491${String(n).padStart(7, '0')}`,
    channels: ['sms'],
    emailStatus: 'none',
    ...stamp,
  });
  const writes: Write[] = [
    { op: 'put', entity: { kind: 'unit', value: unit } },
    { op: 'put', entity: { kind: 'contact', value: person('head', 2 * u) } },
    { op: 'put', entity: { kind: 'contact', value: person('focal', 2 * u + 1) } },
  ];
  for (let i = 1; i <= assignments; i++) {
    const value: Assignment = {
      id: `${id}-nv${i}`,
      taskId: `nv${i}`,
      directiveId: 'cv-1000',
      unitId: id,
      occurrence: 'once',
      title: `Nhiệm vụ ${i}: báo cáo số liệu tháng 3`,
      policy: 'mac-dinh',
      urgent: false,
      assignedAt: '2026-03-02T01:00:00.000Z',
      dueAt: '2026-03-20T16:59:59.999Z',
      originalDueAt: '2026-03-20T16:59:59.999Z',
      state: 'open',
      progress: 0,
      planVersion: 1,
      nextCheckAt: OPENING.toISOString(),
      ...stamp,
    };
    writes.push({ op: 'put', entity: { kind: 'assignment', value } });
  }
  return writes;
}
