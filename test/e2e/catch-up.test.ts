import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLocal } from '#domain/local-time';
import type { OutboxMessage } from '#local/runtime/outbox';
import { type Runtime, startRuntime } from '#local/runtime/runtime';
import { VirtualClock } from '#local/runtime/virtual-clock';

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

async function start(at: Date, demo = false): Promise<{ rt: Runtime; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-catch-up-'));
  runtime = await startRuntime({ port: 0, dataDir, demo, clock: new VirtualClock(at), print: () => {} });
  return { rt: runtime, dataDir };
}

async function call(rt: Runtime, method: string, path: string, body?: unknown) {
  const response = await fetch(`${rt.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${rt.adminToken}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json().catch(() => undefined)) as unknown;
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Sở Nội vụ with its head, and directive 12/UBND-VP; the default policy (08:00 "due today" SMS). */
async function setUpProvince(rt: Runtime): Promise<void> {
  await call(rt, 'POST', '/units', {
    id: 'vp-ubnd',
    name: 'Văn phòng UBND tỉnh',
    kind: 'office',
    parentId: null,
  });
  await call(rt, 'POST', '/units', {
    id: 'so-noi-vu',
    name: 'Sở Nội vụ',
    kind: 'department',
    parentId: 'vp-ubnd',
  });
  await call(rt, 'POST', '/units/so-noi-vu/contacts', {
    id: 'nv-head',
    name: 'Nguyễn Văn An',
    role: 'head',
    phone: '0912 345 678',
    channels: ['sms'],
  });
  await call(rt, 'POST', '/directives', {
    id: 'cv-12',
    number: '12/UBND-VP',
    issuedOn: '2026-03-02',
    issuer: 'UBND tỉnh',
    title: 'Báo cáo công tác cải cách hành chính',
  });
}

/** The outbox's messages: [local time sent, channel, unit, to]. */
async function outbox(dataDir: string): Promise<string[][]> {
  const dir = join(dataDir, 'outbox');
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.json')).sort();
  const messages = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxMessage),
  );
  return messages.map((m) => [formatLocal(new Date(m.at)), m.channel, m.unitId, m.to]);
}

describe('catching up a reminder whose time had passed', { timeout: 240_000 }, () => {
  it('sends the 08:00 "due today" SMS of a task created at 09:08 within a minute, the same day', async () => {
    // Prepare: Monday 02/03/2026, 09:08 in Hà Nội.
    const { rt, dataDir } = await start(new Date('2026-03-02T09:08:00+07:00'));
    await setUpProvince(rt);
    await call(rt, 'POST', '/directives/cv-12/tasks', {
      id: 'bao-cao',
      title: 'Gửi báo cáo nhanh tình hình cải cách hành chính',
      due: '2026-03-02T17:00:00+07:00',
      lead: 'so-noi-vu',
    });
    // Act
    await rt.advanceTo(new Date('2026-03-02T09:09:08+07:00'));
    // Assess
    expect(await outbox(dataDir)).toEqual([['02/03/2026 09:09', 'sms', 'so-noi-vu', '+84912345678']]);
  });

  it('sends no second copy when the deadline moves later the same day after the step went out', async () => {
    // Prepare
    const { rt, dataDir } = await start(new Date('2026-03-02T09:08:00+07:00'));
    await setUpProvince(rt);
    await call(rt, 'POST', '/directives/cv-12/tasks', {
      id: 'bao-cao',
      title: 'Gửi báo cáo nhanh tình hình cải cách hành chính',
      due: '2026-03-02T17:00:00+07:00',
      lead: 'so-noi-vu',
    });
    await rt.advanceTo(new Date('2026-03-02T10:00:00+07:00'));
    const asked = (await call(rt, 'POST', '/assignments/bao-cao.so-noi-vu/extensions', {
      newDue: '2026-03-02',
      reason: 'Chờ số liệu của các xã',
    })) as { id: string };
    await call(rt, 'POST', `/assignments/bao-cao.so-noi-vu/extensions/${asked.id}/approve`, {});
    // Act
    await rt.advanceTo(new Date('2026-03-02T20:00:00+07:00'));
    // Assess: the new plan's 08:00 step is the one already sent.
    const assignment = (await call(rt, 'GET', '/assignments/bao-cao.so-noi-vu')) as { planVersion: number };
    expect([assignment.planVersion, (await outbox(dataDir)).map((m) => m[0])]).toEqual([
      2,
      ['02/03/2026 09:09'],
    ]);
  });

  it('shows the demo’s first reminders within a minute of `npm start` on a working day inside the window', async () => {
    // Prepare: Tuesday 01/12/2026 at 09:30.
    const startAt = new Date('2026-12-01T09:30:00+07:00');
    const { rt, dataDir } = await start(startAt, true);
    // Act
    await rt.advanceTo(new Date(startAt.getTime() + 60_000));
    // Assess: UBND huyện Ba Bể's extended deadline is today; its 08:00 "due today" SMS is caught
    // up, to the district's head and its focal officer.
    const sent = await outbox(dataDir);
    expect({
      after: sent.filter(([at]) => at !== '01/12/2026 09:31'),
      baBe: sent.filter(([, channel, unit]) => channel === 'sms' && unit === 'ubnd-ba-be').length,
    }).toEqual({ after: [], baBe: 2 });
  });
});
