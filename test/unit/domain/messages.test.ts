import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phrase } from '#domain/message-parts';
import { type AssignmentStatus, type ReminderItem, reminderEmail, reminderSms } from '#domain/messages';
import { smsInfo, toSmsText } from '#domain/sms';

/** 23:59:59.999 on 14/03/2023 in Asia/Ho_Chi_Minh. */
const END_OF_14_MARCH = new Date('2023-03-14T16:59:59.999Z');

function item(overrides: Partial<ReminderItem> = {}): ReminderItem {
  return {
    unitName: 'Sở Nội vụ',
    taskTitle: 'Báo cáo kết quả công tác dân vận chính quyền quý I',
    directiveNumber: '276/UBND-NCPC',
    dueAt: END_OF_14_MARCH,
    status: 'overdue',
    daysLeft: -5,
    ...overrides,
  };
}

const FIVE_OVERDUE = [1, 2, 3, 4, 5].map((n) =>
  item({ taskTitle: `Nhiệm vụ số ${n} về thực hiện quy chế dân chủ ở cơ sở năm 2023`, daysLeft: -n }),
);

const LINK = 'https://d1x2y3z4abcd.cloudfront.net/l/Xb3k9QpZ_m2A';

describe('reminderSms for one reminder', () => {
  it('names the unit, task, directive, due date and days overdue', () => {
    const text = reminderSms([item()], { lang: 'vi', mode: 'keep' });

    expect(text).toBe(
      'Nhắc việc Sở Nội vụ: "Báo cáo kết quả công tác dân vận chính quyền quý I", VB 276/UBND-NCPC, hạn 14/03/2023, quá hạn 5 ngày. Đề nghị khẩn trương hoàn thành, báo cáo.',
    );
  });

  it('strips the diacritics so that the text goes as GSM-7 in one segment', () => {
    const text = reminderSms([item()], { lang: 'vi', mode: 'strip' });

    expect(text).toContain('Nhac viec So Noi vu: "Bao cao ket qua');
    expect(smsInfo(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('fits one GSM-7 segment with the link, the whole title still there', () => {
    const text = reminderSms([item({ daysLeft: -3 })], { mode: 'strip', link: LINK });

    expect(text).toBe(
      `So Noi vu: "Bao cao ket qua cong tac dan van chinh quyen quy I", VB 276/UBND-NCPC, han 14/03, qua han 3 ngay. ${LINK}`,
    );
    expect(smsInfo(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('says what the link is for when there is room', () => {
    const text = reminderSms([item({ taskTitle: 'Báo cáo quý I' })], { mode: 'strip', link: LINK });

    expect(text.endsWith(` Bao cao: ${LINK}`)).toBe(true);
  });

  it('says "Xem" before a link to the console rather than a personal one', () => {
    const text = reminderSms([item({ taskTitle: 'Báo cáo quý I' })], {
      mode: 'strip',
      link: 'https://dondoc.example/',
      linkFor: 'view',
    });

    expect(text.endsWith(' Xem: https://dondoc.example/')).toBe(true);
  });

  it('shortens a long title, never the link', () => {
    const long = item({ taskTitle: 'Tiếp tục tuyên truyền, quán triệt, cụ thể hóa '.repeat(6) });

    const text = reminderSms([long], { mode: 'strip', link: LINK });

    expect(smsInfo(text).segments).toBe(1);
    expect(text).toContain('"Tiep tuc tuyen truyen, quan triet, cu the hoa...",');
    expect(text.endsWith(LINK)).toBe(true);
  });

  it('says how many days are left before the deadline', () => {
    const text = reminderSms([item({ status: 'due-soon', daysLeft: 3 })], { mode: 'keep' });

    expect(text).toContain('hạn 14/03/2023, còn 3 ngày. Đề nghị hoàn thành đúng hạn.');
  });

  it('says the task is due today on the day of the deadline', () => {
    const text = reminderSms([item({ status: 'due-soon', daysLeft: 0 })], { mode: 'keep' });

    expect(text).toContain(', hạn hôm nay.');
  });

  it('tells a unit behind pace so, with the days left', () => {
    const text = reminderSms([item({ status: 'behind-pace', daysLeft: 10 })], { mode: 'keep' });

    expect(text).toContain(', chậm tiến độ, còn 10 ngày. Đề nghị đẩy nhanh tiến độ.');
  });

  it('shows the due date in Asia/Ho_Chi_Minh, not UTC', () => {
    const dueAt = new Date('2023-03-14T17:30:00Z');

    const text = reminderSms([item({ dueAt })], { mode: 'keep' });

    expect(text).toContain('hạn 00:30 15/03/2023');
  });

  it('has an English version', () => {
    const text = reminderSms([item({ status: 'overdue', daysLeft: -1 })], { lang: 'en', mode: 'keep' });

    expect(text).toBe(
      'Reminder for Sở Nội vụ: "Báo cáo kết quả công tác dân vận chính quyền quý I", 276/UBND-NCPC, due 14/03/2023, 1 day overdue. Please complete and report without delay.',
    );
  });

  it('keeps within a smaller budget with diacritics by shortening the title', () => {
    const long = item({ taskTitle: 'Tiếp tục tuyên truyền, quán triệt, cụ thể hóa '.repeat(6) });

    const text = reminderSms([long], { mode: 'keep', maxSegments: 2 });

    expect(smsInfo(text).segments).toBeLessThanOrEqual(2);
    expect(text).toContain('…');
    expect(text).toContain('276/UBND-NCPC');
  });
});

describe('reminderSms for a digest', () => {
  it('lists five overdue tasks of one unit in one SMS, most overdue first', () => {
    const text = reminderSms(FIVE_OVERDUE, { mode: 'strip', maxSegments: 3 });

    expect(
      text.startsWith('Nhac viec So Noi vu: 5 nhiem vu can xu ly (VB 276/UBND-NCPC), 5 qua han: 1)'),
    ).toBe(true);
    expect(text.indexOf('qua han 5 ngay')).toBeLessThan(text.indexOf('qua han 1 ngay'));
    expect(text).toContain('5) ');
  });

  it('stays within two segments with the link, the rest as "+N nhiệm vụ khác"', () => {
    const text = reminderSms(FIVE_OVERDUE, { mode: 'strip', link: LINK });

    expect(smsInfo(text).segments).toBe(2);
    expect(text).toMatch(/; \+[1-4] nhiem vu khac\. /);
    expect(text.endsWith(LINK)).toBe(true);
  });

  it('says "+N nhiệm vụ khác" for the tasks that do not fit the budget', () => {
    const text = reminderSms(FIVE_OVERDUE, { mode: 'keep', maxSegments: 3 });

    expect(text).toMatch(/\+[1-4] nhiệm vụ khác/);
    expect(smsInfo(text).segments).toBeLessThanOrEqual(3);
  });

  it('names the unit of each task when the tasks belong to several units', () => {
    const items = [
      item({ unitName: 'UBND huyện Ba Bể' }),
      item({ unitName: 'UBND huyện Na Rì', daysLeft: -2 }),
    ];

    const text = reminderSms(items, { mode: 'strip', link: LINK });

    expect(text).toContain('Nhac viec 2 don vi: 2 nhiem vu');
    expect(text).toContain('1) UBND huyen Ba Be: ');
    expect(text).toContain('2) UBND huyen Na Ri: ');
  });

  it('refuses an empty list of items', () => {
    expect(() => reminderSms([], {})).toThrow(RangeError);
  });
});

const statusArb = fc.constantFrom<AssignmentStatus>(
  'on-track',
  'due-soon',
  'behind-pace',
  'overdue',
  'done-on-time',
  'done-late',
);
const viText = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...Array.from('aăâđeêioôơuưyàáảãạằắẳẵặầấẩẫậềếểễệ ĐƯỜNG 0123456789/-,“”–')), {
      minLength: 1,
      maxLength,
    })
    .map((c) => c.join(''));
/** Directive numbers as Vietnamese documents write them: `276/UBND-NCPC`, `81/QĐ-UBND`, `33/2023/CT-TTg`. */
const directiveNumber = fc
  .tuple(
    fc.integer({ min: 1, max: 9999 }),
    fc.option(fc.integer({ min: 2015, max: 2030 }), { nil: undefined }),
    fc.constantFrom('UBND', 'QĐ-UBND', 'CT-TTg', 'UBND-NCPC', 'KH-UBND', 'NQ-HĐND', 'UBND-KGVX'),
  )
  .map(([n, year, kind]) => `${n}/${year ? `${year}/` : ''}${kind}`);
const itemArb = fc.record({
  unitName: viText(200),
  taskTitle: viText(1000),
  directiveNumber,
  dueAt: fc.date({
    min: new Date('2023-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  status: statusArb,
  daysLeft: fc.integer({ min: -400, max: 400 }),
});
/** Console addresses: CloudFront's, a province's own domain, the local runtime. */
const linkArb = fc
  .tuple(
    fc.constantFrom(
      'https://d1x2y3z4abcd.cloudfront.net',
      'https://nhacviec.backan.gov.vn',
      'http://localhost:3000',
    ),
    fc.stringMatching(/^[A-Za-z0-9_-]{12}$/),
  )
  .map(([base, code]) => `${base}/l/${code}`);
const stripped = (s: string) => toSmsText(s, 'strip');

describe('reminderSms invariants (properties)', () => {
  it('never exceeds the segment budget, whatever the items', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('strip' as const, 'keep' as const),
        fc.integer({ min: 1, max: 4 }),
        fc.option(linkArb, { nil: undefined }),
        (items, mode, maxSegments, link) => {
          const text = reminderSms(items, { mode, maxSegments, link });

          expect(smsInfo(text).segments).toBeLessThanOrEqual(maxSegments);
        },
      ),
    );
  });

  it('fits one item with its link in one GSM-7 segment, keeping number, task, deadline and status', () => {
    fc.assert(
      fc.property(itemArb, linkArb, (one, link) => {
        const text = reminderSms([one], { mode: 'strip', link });

        expect(smsInfo(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        expect(text.endsWith(` ${link}`)).toBe(true);
        expect(text).toContain(`VB ${stripped(one.directiveNumber)}, han `);
        expect(text).toContain(stripped(phrase(one, 'vi', false)));
        const title = stripped(one.taskTitle);
        expect(text).toContain(`: "${title.slice(0, Math.min(6, title.length))}`);
      }),
    );
  });

  it('fits a digest with its link in two GSM-7 segments, counting what it leaves out', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 2, maxLength: 12 }), linkArb, (items, link) => {
        const text = reminderSms(items, { mode: 'strip', link });

        expect(smsInfo(text)).toMatchObject({ encoding: 'GSM-7' });
        expect(smsInfo(text).segments).toBeLessThanOrEqual(2);
        expect(text.endsWith(` ${link}`)).toBe(true);
        const listed = text.match(/(^|; |: )\d+\) /g)?.length ?? 0;
        const more = Number(text.match(/\+(\d+) nhiem vu khac/)?.[1] ?? 0);
        if (listed > 0) expect(listed + more).toBe(items.length);
        expect(text).toContain(`${items.length} nhiem vu can xu ly`);
      }),
    );
  });
});

describe('reminderEmail', () => {
  it('puts the unit, task and days overdue in the subject of a single reminder', () => {
    const email = reminderEmail([item()], { lang: 'vi' });

    expect(email.subject).toBe(
      '[Nhắc việc] Sở Nội vụ: Báo cáo kết quả công tác dân vận chính quyền quý I - quá hạn 5 ngày',
    );
  });

  it('writes a plain-text body with the directive, due date and Vietnamese status', () => {
    const email = reminderEmail([item({ status: 'behind-pace', daysLeft: 4 })], { lang: 'vi' });

    expect(email.body).toContain('Kính gửi: Sở Nội vụ');
    expect(email.body).toContain(
      [
        '1. Báo cáo kết quả công tác dân vận chính quyền quý I',
        '   Văn bản: 276/UBND-NCPC',
        '   Hạn: 14/03/2023',
        '   Tình trạng: chậm tiến độ, còn 4 ngày',
      ].join('\n'),
    );
    expect(email.body).not.toMatch(/<[a-z]/i);
  });

  it('sums up a digest in the subject and lists every task in the body', () => {
    const email = reminderEmail(FIVE_OVERDUE, { lang: 'vi' });

    expect(email.subject).toBe('[Nhắc việc] Sở Nội vụ: 5 nhiệm vụ cần xử lý (5 quá hạn)');
    for (const { taskTitle } of FIVE_OVERDUE) expect(email.body).toContain(taskTitle);
  });

  it('uses the Government Office status names for open items', () => {
    const statuses: AssignmentStatus[] = ['on-track', 'due-soon'];

    const email = reminderEmail(
      statuses.map((status) => item({ status, daysLeft: 7 })),
      { lang: 'vi' },
    );

    expect(email.body).toContain('Tình trạng: trong hạn, còn 7 ngày');
    expect(email.body).toContain('Tình trạng: sắp đến hạn, còn 7 ngày');
  });

  it('puts the personal link under the call to action', () => {
    const email = reminderEmail([item()], { lang: 'vi', link: LINK });

    expect(email.body).toContain(
      `Đề nghị khẩn trương hoàn thành, báo cáo.\nXem và báo cáo ngay, không cần mật khẩu (liên kết riêng của anh/chị): ${LINK}\n`,
    );
  });

  it('has an English version', () => {
    const email = reminderEmail([item({ status: 'due-soon', daysLeft: 2 })], { lang: 'en' });

    expect(email.subject).toBe(
      '[Reminder] Sở Nội vụ: Báo cáo kết quả công tác dân vận chính quyền quý I - 2 days left',
    );
    expect(email.body).toContain('   Status: due soon, 2 days left');
  });
});
