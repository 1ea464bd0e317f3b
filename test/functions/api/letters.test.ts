import { beforeEach, describe, expect, it } from 'vitest';
import { claimsOf } from '../../support/api-event.ts';
import { docxText } from '../../support/docx-text.ts';
import { type Api, createTask, seedProvince, setupApi } from './harness.ts';

describe('formal reminder letters', () => {
  let api: Api;
  let late: string[];
  let onTrack: string[];
  beforeEach(async () => {
    api = await setupApi('api-letters');
    api.deps.settings.letterhead = {
      issuer: 'ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN',
      symbol: 'UBND-VP',
      place: 'Bắc Kạn',
      signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      archive: 'Lưu: VT.',
    };
    await seedProvince(api);
    late = await createTask(api, 'bc-quy', ['so-noi-vu', 'ubnd-ba-be'], '2026-05-15');
    onTrack = await createTask(api, 'bc-nam', ['so-tu-phap'], '2026-12-15');
    api.clock.now = new Date('2026-05-20T03:00:00Z');
  });

  it('drafts a letter for every overdue assignment and serves it as a DOCX naming the late units', async () => {
    const drafted = await api.call({ method: 'POST', path: '/letters' });
    const file = await api.call({ method: 'GET', path: drafted.json.download });

    expect(drafted.status).toBe(201);
    expect(drafted.json.assignmentIds.sort()).toEqual([...late].sort());
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="don-doc-2026-05-20-.+\.docx"$/,
    );
    const text = await docxText(Buffer.from(file.text, 'base64'));
    expect(text).toContain('TỈNH BẮC KẠN');
    expect(text).toContain('Bắc Kạn, ngày 20 tháng 5 năm 2026');
    expect(text).toContain('V/v đôn đốc thực hiện nhiệm vụ tại Văn bản số 276/UBND-NCPC');
    expect(text).toContain('- Sở Nội vụ;\n- UBND huyện Ba Bể.');
    expect(text).toMatch(/Sở Nội vụ\nBáo cáo bc-quy\n15\/05\/2026 23:59\nquá hạn\n5/);
    expect(text).not.toContain('Sở Tư pháp');
  });

  it('drafts for named assignments only, and lists the letter', async () => {
    const drafted = await api.call({ method: 'POST', path: '/letters', body: { assignmentIds: [late[0]] } });
    const list = await api.call({ method: 'GET', path: '/letters' });

    expect(drafted.json.letter.recipients).toHaveLength(1);
    expect(list.json.items).toEqual([
      expect.objectContaining({ id: drafted.json.id, units: 1, items: 1, createdBy: 'admin:admin-1' }),
    ]);
  });

  it('refuses an assignment that is not overdue, naming it, and stores nothing', async () => {
    const before = await api.countItems();

    const res = await api.call({
      method: 'POST',
      path: '/letters',
      body: { assignmentIds: [late[0], onTrack[0], 'khong-co'] },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'assignmentIds.1', rule: expect.stringContaining('must be overdue') },
      { path: 'assignmentIds.2', rule: 'no assignment khong-co' },
    ]);
    expect(await api.countItems()).toBe(before);
  });

  it('says so when nothing is overdue', async () => {
    api.clock.now = new Date('2026-05-01T03:00:00Z');

    const res = await api.call({ method: 'POST', path: '/letters', body: { directiveId: '276-ubnd-ncpc' } });

    expect(res.status).toBe(400);
    expect(res.json.issues[0].rule).toBe('no overdue assignment matches the selection');
  });

  it('is for administrators only', async () => {
    const res = await api.call({ method: 'POST', path: '/letters', claims: claimsOf.unitHead('so-noi-vu') });

    expect(res.status).toBe(403);
  });
});
