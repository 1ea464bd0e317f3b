import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLocal } from '#domain/local-time';
import { banner } from '#local/runtime/banner';
import type { OutboxMessage } from '#local/runtime/outbox';
import { type Runtime, startRuntime } from '#local/runtime/runtime';
import { loadSecret, signToken } from '#local/runtime/tokens';
import { VirtualClock } from '#local/runtime/virtual-clock';

/** Monday 02/03/2026 08:00 in Hà Nội. */
const START = new Date('2026-03-02T08:00:00+07:00');

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

async function start(dataDir: string, at: Date): Promise<Runtime> {
  runtime = await startRuntime({
    port: 0,
    dataDir,
    demo: false,
    clock: new VirtualClock(at),
    print: () => {},
  });
  return runtime;
}

async function call(rt: Runtime, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${rt.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json().catch(() => undefined)) as unknown;
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Office, one department with its head, a two-step SMS policy, a directive and a task due Friday 06/03. */
async function setUpProvince(rt: Runtime, dataDir: string): Promise<void> {
  const admin = rt.adminToken;
  await call(rt, admin, 'POST', '/units', {
    id: 'vp-ubnd',
    name: 'Văn phòng UBND tỉnh',
    kind: 'office',
    parentId: null,
  });
  await call(rt, admin, 'POST', '/units', {
    id: 'so-noi-vu',
    name: 'Sở Nội vụ',
    kind: 'department',
    parentId: 'vp-ubnd',
  });
  await call(rt, admin, 'POST', '/units/so-noi-vu/contacts', {
    id: 'nv-head',
    name: 'Nguyễn Văn An',
    role: 'head',
    phone: '0912 345 678',
    channels: ['sms'],
  });
  await call(rt, admin, 'POST', '/policies', {
    name: 'hai-buoc',
    steps: [
      { offset: '-1wd', channels: ['sms'], to: ['unit'] },
      { offset: '0wd', channels: ['sms'], to: ['unit'] },
    ],
  });
  await call(rt, admin, 'POST', '/directives', {
    id: 'cv-12',
    number: '12/UBND-VP',
    issuedOn: '2026-03-02',
    issuer: 'UBND tỉnh',
    title: 'Báo cáo công tác cải cách hành chính',
  });
  await call(rt, admin, 'POST', '/directives/cv-12/tasks', {
    id: 'bao-cao',
    title: 'Gửi báo cáo cải cách hành chính quý I',
    due: '2026-03-06',
    policy: 'hai-buoc',
    lead: 'so-noi-vu',
  });
  const head = await signToken(await loadSecret(dataDir), { role: 'unit-head', unitId: 'so-noi-vu' });
  await call(rt, head, 'POST', '/assignments/bao-cao.so-noi-vu/progress', {
    percent: 40,
    note: 'Đang tổng hợp',
  });
}

async function outbox(dataDir: string): Promise<string[][]> {
  const dir = join(dataDir, 'outbox');
  // The messages; the simulated carrier's receipts are in the `receipts/` folder beside them.
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.json')).sort();
  const messages = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxMessage),
  );
  return messages.map((m) => [formatLocal(new Date(m.at)), m.channel, m.unitId, m.contactId ?? '', m.to]);
}

describe('the local runtime', { timeout: 180_000 }, () => {
  it('sends the reminders of a task created over HTTP, at their times on a virtual clock', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-e2e-'));
    const rt = await start(dataDir, START);
    await setUpProvince(rt, dataDir);
    // Act
    await rt.advanceTo(new Date('2026-03-06T18:00:00+07:00'));
    // Assess
    expect(await outbox(dataDir)).toEqual([
      ['05/03/2026 08:00', 'sms', 'so-noi-vu', 'nv-head', '+84912345678'],
      ['06/03/2026 08:00', 'sms', 'so-noi-vu', 'nv-head', '+84912345678'],
    ]);
  });

  it("lists each open assignment's next check in the start banner, window ticks included", async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-e2e-'));
    const rt = await start(dataDir, START);
    await setUpProvince(rt, dataDir);
    await rt.advanceTo(new Date('2026-03-02T09:00:00+07:00'));
    // Act
    const text = await banner(rt, dataDir);
    // Assess
    expect(text).toContain('Next checks scheduled');
    expect(text).toContain('05/03/2026 08:00  1 assignment(s)');
  });

  it('sends nothing more once the unit reports the task complete', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-e2e-'));
    const rt = await start(dataDir, START);
    await setUpProvince(rt, dataDir);
    await rt.advanceTo(new Date('2026-03-05T12:00:00+07:00'));
    const head = await signToken(await loadSecret(dataDir), { role: 'unit-head', unitId: 'so-noi-vu' });
    await call(rt, head, 'POST', '/assignments/bao-cao.so-noi-vu/complete', {});
    // Act
    await rt.advanceTo(new Date('2026-03-20T18:00:00+07:00'));
    // Assess
    expect((await outbox(dataDir)).map((m) => m[0])).toEqual(['05/03/2026 08:00']);
  });

  it('finds its data and its schedules again after a restart on the same data folder', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-e2e-'));
    const first = await start(dataDir, START);
    await setUpProvince(first, dataDir);
    await first.advanceTo(new Date('2026-03-05T12:00:00+07:00'));
    await first.stop();
    runtime = undefined;
    // Act
    const second = await start(dataDir, new Date('2026-03-05T12:00:00+07:00'));
    const units = (await call(second, second.adminToken, 'GET', '/units')) as { items: { id: string }[] };
    await second.advanceTo(new Date('2026-03-06T18:00:00+07:00'));
    // Assess
    expect([units.items.map((u) => u.id).sort(), second.started.firstStart, await outbox(dataDir)]).toEqual([
      ['so-noi-vu', 'vp-ubnd'],
      false,
      [
        ['05/03/2026 08:00', 'sms', 'so-noi-vu', 'nv-head', '+84912345678'],
        ['06/03/2026 08:00', 'sms', 'so-noi-vu', 'nv-head', '+84912345678'],
      ],
    ]);
  });

  it('answers 401 to a request without a token and lets /health through', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-e2e-'));
    const rt = await start(dataDir, START);
    // Act
    const [units, health] = await Promise.all([fetch(`${rt.url}/units`), fetch(`${rt.url}/health`)]);
    // Assess
    expect([units.status, health.status]).toEqual([401, 200]);
  });

  it('seeds the demo with units due soon, behind pace, overdue and on track on a Saturday evening', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-demo-'));
    runtime = await startRuntime({
      port: 0,
      dataDir,
      demo: true,
      clock: new VirtualClock(new Date('2026-11-28T21:30:00+07:00')),
      print: () => {},
    });
    // Act
    const statuses = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = (await call(
        runtime,
        runtime.adminToken,
        'GET',
        `/assignments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )) as { items: { status: string }[]; cursor?: string };
      for (const item of page.items) statuses.add(item.status);
      cursor = page.cursor;
    } while (cursor);
    // Assess
    expect(['on-track', 'due-soon', 'behind-pace', 'overdue'].filter((s) => statuses.has(s))).toEqual([
      'on-track',
      'due-soon',
      'behind-pace',
      'overdue',
    ]);
  });
});
