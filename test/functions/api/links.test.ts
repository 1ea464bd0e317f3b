import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { linkId } from '#domain/link';
import { type Api, type ApiResponse, createTask, seedProvince, setupApi } from './harness.ts';

const BASE = 'https://dondoc.backan.example';

let api: Api;
let mine: string[];
let other: string[];
let code: string;

/** A link request as a phone sends it: no token, from the given address (x-forwarded-for as CloudFront sets it). */
const tap = (
  method: string,
  path: string,
  extra: { body?: unknown; ip?: string; headers?: Record<string, string> } = {},
) =>
  api.call({
    method,
    path,
    claims: null,
    ...(extra.body !== undefined && { body: extra.body }),
    headers: { 'x-forwarded-for': `198.51.100.1, ${extra.ip ?? '203.0.113.50'}`, ...extra.headers },
  });

async function mint(assignmentIds: string[], contactId = 'gd'): Promise<ApiResponse> {
  return api.call({
    method: 'POST',
    path: '/links',
    body: { unitId: 'so-noi-vu', contactId, assignmentIds },
  });
}

beforeEach(async () => {
  api = await setupApi('api-links');
  api.deps.settings.linkBase = BASE;
  await seedProvince(api);
  await api.call({
    method: 'POST',
    path: '/units/so-noi-vu/contacts',
    body: { id: 'gd', name: 'Nguyễn Văn An', role: 'head', phone: '0912 345 678' },
  });
  mine = await createTask(api, 'bc-quy', ['so-noi-vu'], '2026-04-20');
  mine.push(...(await createTask(api, 'bc-nam', ['so-noi-vu'], '2026-05-15')));
  other = await createTask(api, 'bc-tp', ['so-tu-phap'], '2026-04-20');
  const minted = await mint(mine);
  code = minted.json.url.slice(`${BASE}/l/`.length);
});

describe('a personal link', () => {
  it('carries a 72-bit code of which only the hash is stored', async () => {
    const minted = await mint(mine);
    const items = await api.table.client.send(new ScanCommand({ TableName: api.table.tableName }));

    expect(code).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(minted.json.url).not.toBe(`${BASE}/l/${code}`);
    expect(minted.json.link).toMatchObject({
      id: linkId(minted.json.url.slice(-12)),
      contactId: 'gd',
      assignmentIds: mine,
    });
    expect(JSON.stringify(items.Items)).not.toContain(code);
  });

  it("opens without a password on the contact's own items, as a page and as JSON", async () => {
    const page = await tap('GET', `/l/${code}`);
    const data = await tap('GET', `/l/${code}/data`);

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('Kính gửi Nguyễn Văn An.');
    expect(page.text).toContain('Báo cáo bc-quy');
    expect(page.text).toContain('Tình trạng: quá hạn');
    expect(data.json).toMatchObject({
      contact: { id: 'gd', name: 'Nguyễn Văn An' },
      unit: { id: 'so-noi-vu', name: 'Sở Nội vụ' },
      items: [
        { id: mine[0], status: 'overdue', progress: 0 },
        { id: mine[1], status: 'on-track' },
      ],
    });
  });

  it('acknowledges, reports progress and completion, each recorded with the contact "qua liên kết"', async () => {
    const [late, next] = mine as [string, string];

    const ack = await tap('POST', `/l/${code}/items/${next}/acknowledge`);
    api.clock.now = new Date('2026-04-24T03:01:00Z');
    const progress = await tap('POST', `/l/${code}/items/${next}/progress`, {
      body: { percent: 60, note: 'Đã có dự thảo' },
    });
    api.clock.now = new Date('2026-04-24T03:02:00Z');
    const done = await tap('POST', `/l/${code}/items/${late}/complete`, { body: { note: 'Đã gửi báo cáo' } });

    expect([ack.status, progress.status, done.status]).toEqual([200, 200, 200]);
    expect(done.json).toMatchObject({ id: late, state: 'done', status: 'done-late', progress: 100 });
    const detail = await api.call({ method: 'GET', path: `/assignments/${next}` });
    expect(detail.json.acknowledgedAt).toBe('2026-04-24T03:00:00.000Z');
    expect(detail.json.progressHistory).toEqual([
      expect.objectContaining({ percent: 60, note: 'Đã có dự thảo', by: 'Nguyễn Văn An (gd) qua liên kết' }),
    ]);
    const links = await api.call({ method: 'GET', path: '/units/so-noi-vu/contacts/gd/links' });
    const actions = links.json.items.find((l: { id: string }) => l.id === linkId(code)).actions;
    expect(
      actions.map((a: { action: string; contactName: string; via: string }) => [
        a.action,
        a.contactName,
        a.via,
      ]),
    ).toEqual([
      ['acknowledge', 'Nguyễn Văn An', 'qua liên kết'],
      ['progress', 'Nguyễn Văn An', 'qua liên kết'],
      ['complete', 'Nguyễn Văn An', 'qua liên kết'],
    ]);
  });

  it('takes the page form (urlencoded) and redirects back to the page with what was recorded', async () => {
    const posted = await tap('POST', `/l/${code}`, {
      body: `item=${mine[1]}&action=progress&percent=40&note=${encodeURIComponent('Đang tổng hợp')}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const page = await tap('GET', `/l/${code}`, { headers: {} });
    const after = await api.call({
      method: 'GET',
      path: `/l/${code}`,
      claims: null,
      query: { xong: 'progress' },
    });

    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/l/${code}?xong=progress`);
    expect(page.text).toContain('tiến độ 40%');
    expect(after.text).toContain('Đã ghi nhận báo cáo tiến độ.');
  });

  it('re-renders the page with the reason when the form is wrong, recording nothing', async () => {
    const posted = await tap('POST', `/l/${code}`, {
      body: `item=${mine[1]}&action=progress&percent=140`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(posted.status).toBe(200);
    expect(posted.text).toContain('Chưa ghi nhận');
    expect(posted.text).not.toContain('at ');
    expect((await api.call({ method: 'GET', path: `/assignments/${mine[1]}` })).json.progress).toBe(0);
  });

  it("gives no access to another unit's item, nor to an item the link does not name", async () => {
    const foreign = await tap('POST', `/l/${code}/items/${other[0]}/acknowledge`);
    const mixed = await mint([mine[0] as string, other[0] as string]);

    expect(foreign.status).toBe(404);
    expect(mixed.status).toBe(400);
    expect(mixed.json.issues).toEqual([
      { path: 'assignmentIds.1', rule: 'must be an assignment of unit so-noi-vu' },
    ]);
    expect(
      (await api.call({ method: 'GET', path: `/assignments/${other[0]}` })).json.acknowledgedAt,
    ).toBeUndefined();
  });

  it('expires after 30 days with a plain Vietnamese page', async () => {
    api.clock.now = new Date('2026-05-24T03:00:01Z');

    const page = await tap('GET', `/l/${code}`);
    const data = await tap('GET', `/l/${code}/data`);

    expect(page.status).toBe(410);
    expect(page.text).toContain('Liên kết đã hết hạn');
    expect(data.json).toEqual({ error: 'gone', message: 'link expired' });
  });

  it('ends when every item it names is closed', async () => {
    for (const id of mine) await tap('POST', `/l/${code}/items/${id}/complete`);

    const page = await tap('GET', `/l/${code}`);

    expect(page.status).toBe(410);
    expect(page.text).toContain('Các nhiệm vụ đã hoàn thành');
  });

  it('is revoked by an administrator at once', async () => {
    const revoked = await api.call({ method: 'DELETE', path: `/links/${linkId(code)}` });

    const page = await tap('GET', `/l/${code}`);
    const action = await tap('POST', `/l/${code}/items/${mine[0]}/acknowledge`);

    expect(revoked.json).toMatchObject({ revokedAt: '2026-04-24T03:00:00.000Z', revokedBy: 'admin-1' });
    expect(page.text).toContain('Liên kết đã bị thu hồi');
    expect(action.status).toBe(410);
  });

  it('answers an unknown code with a plain page saying what to do', async () => {
    const page = await tap('GET', '/l/khongcomaday');

    expect(page.status).toBe(404);
    expect(page.text).toContain('Không tìm thấy liên kết');
    expect(page.text).toContain('Hãy mở lại đúng liên kết trong tin nhắn.');
  });

  it('rate-limits lookups per client address: 30 a minute, and 10 unknown codes an hour', async () => {
    const first = await Promise.all(Array.from({ length: 30 }, () => tap('GET', `/l/${code}/data`)));
    const over = await tap('GET', `/l/${code}/data`);
    const elsewhere = await tap('GET', `/l/${code}/data`, { ip: '203.0.113.99' });
    for (let i = 0; i < 10; i++) await tap('GET', `/l/khongcomaday/data`, { ip: '192.0.2.1' });
    const guessing = await tap('GET', '/l/khongcomaday', { ip: '192.0.2.1' });

    expect(first.every((r) => r.status === 200)).toBe(true);
    expect([over.status, over.headers['retry-after']]).toEqual([429, '60']);
    expect(elsewhere.status).toBe(200);
    expect([guessing.status, guessing.headers['retry-after']]).toEqual([429, '3600']);
    expect(guessing.text).toContain('Quá nhiều yêu cầu');
  });
});
