/**
 * The government's yearly holiday arrangements for civil servants (cán bộ, công chức, viên chức),
 * 2023-2027, as far as they differ from what the Labour Code 2019 art. 112 rules compute
 * (`date-holidays` statutory days + the second National Day + nghỉ bù on the next working day).
 *
 * Each entry says why. `certain: false` marks entries written from memory of the announcements
 * that could not be checked against the published text: administrators can correct any day with
 * their own CalendarOverride, which always wins over this table.
 *
 * Years and what the computed rules already get right (so no entry is needed):
 * - 2023: 1/1 Sun -> bù 2/1; Giỗ Tổ 29/4 Sat + 30/4 Sun -> bù 2/5, 3/5 (block 29/4-3/5, no swap);
 *         2/9 Sat + 1/9 Fri -> bù 4/9 (block 1-4/9).
 * - 2024: Giỗ Tổ 18/4 Thu; 2/9 Mon + 3/9 Tue (block 31/8-3/9).
 * - 2025: Giỗ Tổ 7/4 Mon; 2/9 Tue + 1/9 Mon (block 30/8-2/9).
 * - 2026: Tết 16-20/2 (block 14-22/2, 9 days); Giỗ Tổ 26/4 Sun -> bù Mon 27/4; 30/4 Thu, 1/5 Fri.
 * - 2027: no official announcement known; Tết 5-9/2 with bù 10-11/2, Giỗ Tổ 16/4 Fri,
 *         1/5 Sat -> bù 3/5, 2/9 Thu + 3/9 Fri are computed.
 */

export interface OfficialArrangement {
  date: string;
  kind: 'off' | 'working';
  reason: string;
  /** false where the entry comes from memory and should be checked against the official notice. */
  certain: boolean;
}

export const VN_OFFICIAL_ARRANGEMENTS: readonly OfficialArrangement[] = [
  // 2023 — Tết Quý Mão: nghỉ 20/01 (29 Chạp) đến hết 26/01/2023 (mùng 5), bù already inside the block.
  { date: '2023-01-20', kind: 'off', reason: 'Tết Nguyên Đán (29 tháng Chạp)', certain: true },
  {
    date: '2023-01-27',
    kind: 'working',
    reason: 'Ngày làm việc (nghỉ Tết 2023 đến hết 26/01)',
    certain: true,
  },
  // 2024 — Tết Giáp Thìn: nghỉ 08/02 (29 Chạp) đến hết 14/02/2024 (mùng 5).
  { date: '2024-02-08', kind: 'off', reason: 'Tết Nguyên Đán (29 tháng Chạp)', certain: true },
  {
    date: '2024-02-15',
    kind: 'working',
    reason: 'Ngày làm việc (nghỉ Tết 2024 đến hết 14/02)',
    certain: true,
  },
  // 2024 — 30/4-1/5: hoán đổi thứ Hai 29/4 với thứ Bảy 04/5, block 27/4-1/5.
  { date: '2024-04-29', kind: 'off', reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)', certain: true },
  {
    date: '2024-05-04',
    kind: 'working',
    reason: 'Ngày làm việc bù (hoán đổi cho thứ Hai 29/04/2024)',
    certain: true,
  },
  // 2025 — Tết Ất Tỵ: nghỉ 25/01 (26 Chạp) đến hết 02/02/2025 (mùng 5); Tết days 27-31/01.
  { date: '2025-01-27', kind: 'off', reason: 'Tết Nguyên Đán (28 tháng Chạp)', certain: true },
  {
    date: '2025-02-03',
    kind: 'working',
    reason: 'Ngày làm việc (nghỉ Tết 2025 đến hết 02/02)',
    certain: true,
  },
  // 2025 — 30/4-1/5: hoán đổi thứ Sáu 02/5 với thứ Bảy 26/4, block 30/4-4/5.
  { date: '2025-05-02', kind: 'off', reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)', certain: true },
  {
    date: '2025-04-26',
    kind: 'working',
    reason: 'Ngày làm việc bù (hoán đổi cho thứ Sáu 02/05/2025)',
    certain: true,
  },
  // 2026 — Tết Dương lịch: hoán đổi thứ Sáu 02/01 với thứ Bảy 10/01 (block 1-4/01). UNSURE: remembered
  // from the late-2025 announcement, not checked against the published notice.
  { date: '2026-01-02', kind: 'off', reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', certain: false },
  {
    date: '2026-01-10',
    kind: 'working',
    reason: 'Ngày làm việc bù (hoán đổi cho thứ Sáu 02/01/2026)',
    certain: false,
  },
];

/**
 * The day next to 2/9 that the government picked each year (Labour Code art. 112(1)(đ)); other years
 * use the computed choice (see `secondNationalDay`). 2026 (1/9) and 2027 (3/9) are UNSURE.
 */
export const VN_SECOND_NATIONAL_DAY: Readonly<Record<number, { date: string; certain: boolean }>> = {
  2023: { date: '2023-09-01', certain: true },
  2024: { date: '2024-09-03', certain: true },
  2025: { date: '2025-09-01', certain: true },
  2026: { date: '2026-09-01', certain: false },
  2027: { date: '2027-09-03', certain: false },
};
