import type { ComplianceReport } from '../schemas/api.ts';

/** Excel opens a UTF-8 CSV with Vietnamese text correctly only when it starts with a BOM. */
export const BOM = '\uFEFF';

const HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Số nhiệm vụ được giao',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Quá hạn',
  'Đang thực hiện',
  'Được gia hạn',
  'Tỷ lệ đúng hạn (%)',
  'Nhắc việc đã gửi',
  'Qua SMS',
  'Qua email',
  'SMS đã nhận',
  'Lỗi',
  'SMS lỗi, đã gửi qua email',
  'Lỗi chính',
];

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so Excel does not run it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The scorecard as CSV (comma, CRLF, BOM); the rate is a whole percent so no locale reads it as text. */
export function complianceCsv(report: ComplianceReport): string {
  const lines = [HEADERS.map(csvCell).join(',')];
  for (const r of report.units) {
    const rate = r.onTimeRate === null ? null : Math.round(r.onTimeRate * 100);
    const d = r.delivery;
    const reasons = d.reasons.map((x) => `${x.reason} (${x.count})`).join('; ');
    lines.push(
      [r.unitId, r.unitName, r.assigned, r.doneOnTime, r.doneLate, r.overdue, r.open, r.extended, rate]
        .concat([d.sent, d.sms, d.email, d.delivered, d.failed, d.fellBackToEmail, reasons])
        .map(csvCell)
        .join(','),
    );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
