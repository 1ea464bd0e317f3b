/**
 * The government's yearly holiday arrangements for civil servants (cán bộ, công chức, viên chức),
 * as far as they differ from what the Labour Code 2019 art. 112 rules compute
 * (`date-holidays` statutory days + the second National Day + nghỉ bù on the next working day).
 *
 * Each year says where its arrangement comes from and whether the shipped days were checked against
 * the published notice (`confirmed`) or follow the rules and the usual pattern until the notice is
 * out (`expected`). Administrators enter a new or corrected announcement as CalendarOverrides,
 * which always win over this table, without a release (docs/calendar.md).
 *
 * What the computed rules already get right (so no entry is needed):
 * - 2023: 1/1 Sun -> bù 2/1; Giỗ Tổ 29/4 Sat + 30/4 Sun -> bù 2/5, 3/5 (block 29/4-3/5, no swap);
 *         2/9 Sat + 1/9 Fri -> bù 4/9 (block 1-4/9).
 * - 2024: Giỗ Tổ 18/4 Thu; 2/9 Mon + 3/9 Tue (block 31/8-3/9).
 * - 2025: Giỗ Tổ 7/4 Mon; 2/9 Tue + 1/9 Mon (block 30/8-2/9).
 * - 2026: Tết 16-20/2 (block 14-22/2, 9 days); Giỗ Tổ 26/4 Sun -> bù Mon 27/4; 30/4 Thu, 1/5 Fri;
 *         2/9 Wed + 1/9 Tue.
 * - 2027: Tết 5-9/2 with bù 10-11/2, Giỗ Tổ 16/4 Fri, 1/5 Sat -> bù 3/5, 2/9 Thu + 3/9 Fri.
 */

export type NoticeStatus = 'confirmed' | 'expected';

export interface YearNotice {
  status: NoticeStatus;
  /** Where the year's arrangement comes from. */
  source: string;
}

/** Every year this file ships, with its source; a year not listed is computed from the rules alone. */
export const VN_CALENDAR_NOTICES: Readonly<Record<number, YearNotice>> = {
  2023: {
    status: 'confirmed',
    source:
      'Bộ LĐTBXH notice on Tết Âm lịch and Quốc khánh 2023 (civil servants off 20-26/01); 30/4-1/5 and 2/9 by the Labour Code with nghỉ bù',
  },
  2024: {
    status: 'confirmed',
    source:
      'Bộ LĐTBXH notice on Tết 2024 (off 08-14/02); the Prime Minister’s swap of Mon 29/04 with Sat 04/05; Quốc khánh 31/08-03/09',
  },
  2025: {
    status: 'confirmed',
    source:
      'Bộ LĐTBXH notice on Tết 2025 (off 25/01-02/02); the Prime Minister’s swap of Fri 02/05 with Sat 26/04; Quốc khánh 30/08-02/09',
  },
  2026: {
    status: 'expected',
    source:
      'Quốc khánh confirmed: the Prime Minister’s arrangement, off 29/08-02/09 with Mon 31/08 swapped for Sat 22/08. Tết Dương lịch (Fri 02/01 swapped for Sat 10/01) and Tết Nguyên Đán (off 14-22/02) as the Bộ Nội vụ proposals were remembered, not checked against the published text',
  },
  2027: {
    status: 'expected',
    source: 'No notice yet: the Labour Code rules, with 3/9 (Fri) as the second National Day',
  },
};

export interface OfficialArrangement {
  date: string;
  kind: 'off' | 'working';
  reason: string;
  /** `expected` where the entry was not checked against the published notice. */
  status: NoticeStatus;
}

export const VN_OFFICIAL_ARRANGEMENTS: readonly OfficialArrangement[] = [
  // 2023 — Tết Quý Mão: nghỉ 20/01 (29 Chạp) đến hết 26/01/2023 (mùng 5), bù already inside the block.
  { date: '2023-01-20', kind: 'off', reason: 'Tết Nguyên Đán (29 tháng Chạp)', status: 'confirmed' },
  {
    date: '2023-01-27',
    kind: 'working',
    reason: 'Ngày làm việc (nghỉ Tết 2023 đến hết 26/01)',
    status: 'confirmed',
  },
  // 2024 — Tết Giáp Thìn: nghỉ 08/02 (29 Chạp) đến hết 14/02/2024 (mùng 5).
  { date: '2024-02-08', kind: 'off', reason: 'Tết Nguyên Đán (29 tháng Chạp)', status: 'confirmed' },
  {
    date: '2024-02-15',
    kind: 'working',
    reason: 'Ngày làm việc (nghỉ Tết 2024 đến hết 14/02)',
    status: 'confirmed',
  },
  // 2024 — 30/4-1/5: hoán đổi thứ Hai 29/4 với thứ Bảy 04/5, block 27/4-1/5.
  {
    date: '2024-04-29',
    kind: 'off',
    reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)',
    status: 'confirmed',
  },
  {
    date: '2024-05-04',
    kind: 'working',
    reason: 'Ngày làm việc bù (hoán đổi cho thứ Hai 29/04/2024)',
    status: 'confirmed',
  },
  // 2025 — Tết Ất Tỵ: nghỉ 25/01 (26 Chạp) đến hết 02/02/2025 (mùng 5); Tết days 27-31/01.
  { date: '2025-01-27', kind: 'off', reason: 'Tết Nguyên Đán (28 tháng Chạp)', status: 'confirmed' },
  {
    date: '2025-02-03',
    kind: 'working',
    reason: 'Ngày làm việc (nghỉ Tết 2025 đến hết 02/02)',
    status: 'confirmed',
  },
  // 2025 — 30/4-1/5: hoán đổi thứ Sáu 02/5 với thứ Bảy 26/4, block 30/4-4/5.
  {
    date: '2025-05-02',
    kind: 'off',
    reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)',
    status: 'confirmed',
  },
  {
    date: '2025-04-26',
    kind: 'working',
    reason: 'Ngày làm việc bù (hoán đổi cho thứ Sáu 02/05/2025)',
    status: 'confirmed',
  },
  // 2026 — Tết Dương lịch: hoán đổi thứ Sáu 02/01 với thứ Bảy 10/01 (block 1-4/01), as remembered.
  {
    date: '2026-01-02',
    kind: 'off',
    reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)',
    status: 'expected',
  },
  {
    date: '2026-01-10',
    kind: 'working',
    reason: 'Ngày làm việc bù (hoán đổi cho thứ Sáu 02/01/2026)',
    status: 'expected',
  },
  // 2026 — Quốc khánh: nghỉ 29/08 đến hết 02/09; hoán đổi thứ Hai 31/08 với thứ Bảy 22/08.
  {
    date: '2026-08-31',
    kind: 'off',
    reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)',
    status: 'confirmed',
  },
  {
    date: '2026-08-22',
    kind: 'working',
    reason: 'Ngày làm việc bù (hoán đổi cho thứ Hai 31/08/2026)',
    status: 'confirmed',
  },
];

/**
 * The day next to 2/9 that the government picked each year (Labour Code art. 112(1)(đ)); other years
 * use the computed choice (see `secondNationalDay`).
 */
export const VN_SECOND_NATIONAL_DAY: Readonly<Record<number, { date: string; status: NoticeStatus }>> = {
  2023: { date: '2023-09-01', status: 'confirmed' },
  2024: { date: '2024-09-03', status: 'confirmed' },
  2025: { date: '2025-09-01', status: 'confirmed' },
  2026: { date: '2026-09-01', status: 'confirmed' },
  2027: { date: '2027-09-03', status: 'expected' },
};
