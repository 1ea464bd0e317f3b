import { dayNumber, formatLocalDate, type LocalDate, toLocalDate } from './local-time.ts';

/**
 * The formal reminder letter (văn bản đôn đốc) as content: every line the DOCX builder lays out,
 * composed here from plain values so the wording and the Nghị định 30/2020/NĐ-CP conventions
 * (date written "ngày 05 tháng 02 năm 2023", number left blank for the clerk) are tested without a file.
 */

/** Who issues and signs: the stage's (or the issuing unit's) settings. */
export interface Letterhead {
  /** Issuing body, as on the letter's top left: `ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN` (lines split by `\n`). */
  issuer: string;
  /** The part after the number: `UBND-VP` gives `Số: …/UBND-VP`. */
  symbol: string;
  /** Place name before the date: `Bắc Kạn`. */
  place: string;
  /** Signer's capacity, lines split by `\n`: `KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH`. */
  signerTitle: string;
  /** Left empty for the signer to write, unless set. */
  signerName?: string | undefined;
  /** The last line of "Nơi nhận": `Lưu: VT, VP.` */
  archive: string;
}

export interface LetterDirective {
  number: string;
  issuedOn: LocalDate;
  issuer: string;
  title: string;
}

/** One late item: what the table lists. */
export interface LetterItem {
  unitName: string;
  taskTitle: string;
  dueAt: string;
  status: string;
  /** Calendar days between the deadline's local date and the letter's date. */
  daysOverdue: number;
}

export interface Letter {
  head: Letterhead;
  /** `Bắc Kạn, ngày 28 tháng 02 năm 2023` */
  placeAndDate: string;
  number: string;
  subject: string;
  recipients: string[];
  opening: string;
  items: LetterItem[];
  closing: string;
  copies: string[];
}

/** NĐ 30/2020: days below 10 and the months 1 and 2 take a leading zero. */
export function writtenDate(date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = m <= 2 ? `0${m}` : String(m);
  return `ngày ${String(d).padStart(2, '0')} tháng ${month} năm ${y}`;
}

export function daysOverdue(dueAt: string, on: LocalDate): number {
  return Math.max(0, dayNumber(on) - dayNumber(toLocalDate(new Date(dueAt))));
}

/**
 * A title inside the sentence: "về việc tiếp tục đẩy mạnh …". Only the first letter of an ordinary
 * word is lowered (an acronym like "UBND" stays); nothing else of what was typed changes.
 */
function about(title: string): string {
  const inSentence = /^\p{Lu}\p{Ll}/u.test(title) ? title[0]?.toLowerCase() + title.slice(1) : title;
  return /^về\s/u.test(inSentence) ? inSentence : `về việc ${inSentence}`;
}

function cite(d: LetterDirective): string {
  return `Văn bản số ${d.number} ngày ${formatLocalDate(d.issuedOn)} của ${d.issuer}`;
}

/** The body's first sentence: the directives cited, and what the table lists. */
function opening(directives: LetterDirective[], date: LocalDate): string {
  const cited = directives.map((d) => `${cite(d)} ${about(d.title)}`).join('; ');
  const source = directives.length > 0 ? `Thực hiện ${cited}, ` : '';
  return `${source}đến ${writtenDate(date)}, các cơ quan, đơn vị sau chưa hoàn thành nhiệm vụ được giao đúng thời hạn:`;
}

export interface ComposeLetterInput {
  head: Letterhead;
  /** The letter's local date. */
  date: LocalDate;
  directives: LetterDirective[];
  /** Late items (their order is kept: the caller sorts by unit, then deadline). */
  items: LetterItem[];
  /** The date by which units must report back (a few working days after `date`). */
  replyBy: LocalDate;
}

export function composeLetter(input: ComposeLetterInput): Letter {
  const { head, date, directives, items } = input;
  const only = directives.length === 1 ? directives[0] : undefined;
  const recipients = [...new Set(items.map((i) => i.unitName))];
  return {
    head,
    placeAndDate: `${head.place}, ${writtenDate(date)}`,
    number: `Số: …/${head.symbol}`,
    subject: only
      ? `V/v đôn đốc thực hiện nhiệm vụ tại Văn bản số ${only.number}`
      : 'V/v đôn đốc thực hiện nhiệm vụ được giao quá hạn',
    recipients,
    opening: opening(directives, date),
    items,
    closing:
      'Đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên khẩn trương chỉ đạo hoàn thành các nhiệm vụ, ' +
      `báo cáo kết quả (qua Văn phòng) trước ${writtenDate(input.replyBy)}; trường hợp chưa hoàn thành ` +
      'phải nêu rõ lý do, trách nhiệm và đề xuất giải pháp./.',
    copies: ['Như trên;', 'Chủ tịch, các Phó Chủ tịch;', head.archive],
  };
}

/** Until a stage sets its own: a provincial People's Committee, signed by a vice-chairman. */
export const defaultLetterhead: Letterhead = {
  issuer: 'ỦY BAN NHÂN DÂN\nTỈNH',
  symbol: 'UBND-VP',
  place: '…',
  signerTitle: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
  archive: 'Lưu: VT.',
};
