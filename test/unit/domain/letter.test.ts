import { describe, expect, it } from 'vitest';
import { composeLetter, daysOverdue, type Letterhead, writtenDate } from '#domain/letter';
import { letterDocx } from '#domain/letter-docx';
import { docxText } from '../../support/docx-text.ts';

const head: Letterhead = {
  issuer: 'ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN',
  symbol: 'UBND-VP',
  place: 'Bắc Kạn',
  signerTitle: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
  signerName: 'Nguyễn Đăng Bình',
  archive: 'Lưu: VT, NCPC.',
};

const letter = composeLetter({
  head,
  date: '2023-02-28',
  replyBy: '2023-03-07',
  directives: [
    {
      number: '276/UBND-NCPC',
      issuedOn: '2023-01-13',
      issuer: 'UBND tỉnh Bắc Kạn',
      title: 'tăng cường công tác dân vận chính quyền',
    },
  ],
  items: [
    {
      unitName: 'Sở Nội vụ',
      taskTitle: 'Xây dựng kế hoạch triển khai phong trào thi đua "Dân vận khéo"',
      dueAt: '2023-02-15T16:59:59.999Z',
      status: 'quá hạn',
      daysOverdue: 13,
    },
    {
      unitName: 'UBND huyện Ba Bể',
      taskTitle: 'Rà soát, giải quyết dứt điểm đơn thư tồn đọng, điểm nóng',
      dueAt: '2023-02-20T10:00:00.000Z',
      status: 'quá hạn',
      daysOverdue: 8,
    },
  ],
});

describe('the formal reminder letter', () => {
  it('writes dates the way NĐ 30/2020 asks: a leading zero for days below 10 and for January and February', () => {
    expect(writtenDate('2023-02-05')).toBe('ngày 05 tháng 02 năm 2023');
    expect(writtenDate('2023-03-15')).toBe('ngày 15 tháng 3 năm 2023');
    expect(writtenDate('2023-12-01')).toBe('ngày 01 tháng 12 năm 2023');
  });

  it('counts days overdue from the local date of the deadline', () => {
    // 23:30 on 14/02 local is still 14/02: one day late on 15/02, not two.
    expect(daysOverdue('2023-02-14T16:30:00Z', '2023-02-15')).toBe(1);
    expect(daysOverdue('2023-02-15T16:59:59Z', '2023-02-15')).toBe(0);
  });

  it('cites the one directive in its subject and leaves the number for the clerk', () => {
    expect(letter.subject).toBe('V/v đôn đốc thực hiện nhiệm vụ tại Văn bản số 276/UBND-NCPC');
    expect(letter.number).toBe('Số: …/UBND-VP');
    expect(letter.recipients).toEqual(['Sở Nội vụ', 'UBND huyện Ba Bể']);
    expect(letter.closing).toContain('trước ngày 07 tháng 3 năm 2023');
  });

  it('reads back, through an independent reader, every part of the NĐ 30/2020 layout with its diacritics', async () => {
    const text = await docxText(await letterDocx(letter));
    const parts = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH BẮC KẠN',
      'Số: …/UBND-VP',
      'V/v đôn đốc thực hiện nhiệm vụ tại Văn bản số 276/UBND-NCPC',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bắc Kạn, ngày 28 tháng 02 năm 2023',
      'Kính gửi:',
      '- Sở Nội vụ;',
      '- UBND huyện Ba Bể.',
      'Thực hiện Văn bản số 276/UBND-NCPC ngày 13/01/2023 của UBND tỉnh Bắc Kạn về việc tăng cường công tác dân vận chính quyền',
      'Xây dựng kế hoạch triển khai phong trào thi đua "Dân vận khéo"',
      '15/02/2023 23:59',
      'Rà soát, giải quyết dứt điểm đơn thư tồn đọng, điểm nóng',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, NCPC.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Đăng Bình',
    ];
    for (const part of parts) expect(text).toContain(part);
    const order = [
      'ỦY BAN NHÂN DÂN',
      'Kính gửi:',
      'Thực hiện',
      'STT',
      'Đề nghị',
      'Nơi nhận:',
      'PHÓ CHỦ TỊCH',
    ];
    const positions = order.map((p) => text.indexOf(p));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('lists each late task with its deadline, status and days overdue in one table row', async () => {
    const text = await docxText(await letterDocx(letter));

    expect(text).toMatch(/1\nSở Nội vụ\nXây dựng kế hoạch[^\n]*\n15\/02\/2023 23:59\nquá hạn\n13/);
    expect(text).toMatch(/2\nUBND huyện Ba Bể\nRà soát[^\n]*\n20\/02\/2023 17:00\nquá hạn\n8/);
  });

  it('keeps diacritics exactly as typed (composed and decomposed forms are not normalised away)', async () => {
    const decomposed = 'Sở Tư pháp'.normalize('NFD');
    const item = { ...letter.items[0], unitName: decomposed } as (typeof letter.items)[number];
    const text = await docxText(await letterDocx({ ...letter, items: [item], recipients: [decomposed] }));

    expect(text).toContain(decomposed);
  });
});
