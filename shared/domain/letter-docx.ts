import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Letter } from './letter.ts';
import { formatLocal } from './local-time.ts';

/**
 * Lays a composed letter out as a DOCX in the presentation of Nghị định 30/2020/NĐ-CP (Phụ lục I):
 * A4, Times New Roman 13-14 pt, margins 20/20/30/15 mm; a borderless two-column header (issuing
 * body and number on the left, national name, motto and place-date on the right), the subject
 * under the number, "Kính gửi", the body and its table, then "Nơi nhận" beside the signer.
 */

/** Twips, the unit of DOCX lengths. */
const mm = (n: number) => Math.round(n * 56.7);
const FONT = 'Times New Roman';
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = {
  top: none,
  bottom: none,
  left: none,
  right: none,
  insideHorizontal: none,
  insideVertical: none,
};

interface Line {
  text: string;
  bold?: boolean;
  italics?: boolean;
  /** Half-points; 26 = 13 pt. */
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: boolean;
  after?: number;
}

function para(l: Line): Paragraph {
  return new Paragraph({
    alignment: l.align ?? AlignmentType.LEFT,
    spacing: { after: l.after ?? 0, line: 276 },
    ...(l.indent ? { indent: { firstLine: mm(12.7) } } : {}),
    children: l.text.split('\n').map(
      (text, i) =>
        new TextRun({
          text,
          bold: l.bold,
          italics: l.italics,
          size: l.size ?? 28,
          font: FONT,
          break: i ? 1 : 0,
        }),
    ),
  });
}

const centred = (text: string, extra: Omit<Line, 'text' | 'align'> = {}) =>
  para({ text, align: AlignmentType.CENTER, ...extra });

function cell(children: Paragraph[], widthPct: number, borders = true): TableCell {
  return new TableCell({
    children,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.TOP,
    ...(borders ? {} : { borders: noBorders }),
  });
}

function layoutTable(left: Paragraph[], right: Paragraph[], leftPct: number): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({ children: [cell(left, leftPct, false), cell(right, 100 - leftPct, false)] })],
  });
}

function header(letter: Letter): Table {
  const left = [
    centred(letter.head.issuer.toUpperCase(), { bold: true, size: 26 }),
    centred('―――――', { size: 20 }),
    centred(letter.number, { size: 26 }),
    centred(letter.subject, { size: 24, after: 120 }),
  ];
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }),
    centred('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 28 }),
    centred('―――――――――――――', { size: 20 }),
    centred(letter.placeAndDate, { italics: true, size: 28 }),
  ];
  return layoutTable(left, right, 38);
}

const HEADINGS = ['STT', 'Đơn vị', 'Nhiệm vụ', 'Hạn xử lý', 'Tình trạng', 'Số ngày quá hạn'];
const WIDTHS = [7, 19, 36, 14, 12, 12];

function itemsTable(letter: Letter): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((text, i) =>
        cell(
          [
            para({
              text,
              bold,
              size: 24,
              align: i === 1 || i === 2 ? AlignmentType.LEFT : AlignmentType.CENTER,
            }),
          ],
          WIDTHS[i] ?? 10,
        ),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      row(HEADINGS, true),
      ...letter.items.map((item, i) =>
        row(
          [
            String(i + 1),
            item.unitName,
            item.taskTitle,
            formatLocal(new Date(item.dueAt)),
            item.status,
            String(item.daysOverdue),
          ],
          false,
        ),
      ),
    ],
  });
}

function footer(letter: Letter): Table {
  const left = [
    para({ text: 'Nơi nhận:', bold: true, italics: true, size: 24 }),
    ...letter.copies.map((c) => para({ text: `- ${c}`, size: 22 })),
  ];
  const right = [
    centred(letter.head.signerTitle.toUpperCase(), { bold: true, after: 1400 }),
    centred(letter.head.signerName ?? '', { bold: true }),
  ];
  return layoutTable(left, right, 50);
}

function body(letter: Letter): Paragraph[] {
  const to =
    letter.recipients.length === 1
      ? [para({ text: `Kính gửi: ${letter.recipients[0]}.`, align: AlignmentType.CENTER, after: 120 })]
      : [
          para({ text: 'Kính gửi:', align: AlignmentType.CENTER }),
          ...letter.recipients.map((r, i) =>
            para({ text: `- ${r}${i === letter.recipients.length - 1 ? '.' : ';'}`, indent: true }),
          ),
        ];
  return [
    ...to,
    para({ text: '', after: 0 }),
    para({ text: letter.opening, indent: true, align: AlignmentType.JUSTIFIED, after: 120 }),
  ];
}

/** The letter as DOCX bytes. */
export async function letterDocx(letter: Letter): Promise<Buffer> {
  const doc = new Document({
    creator: 'dondoc',
    title: letter.subject,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: { margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } },
        },
        children: [
          header(letter),
          ...body(letter),
          itemsTable(letter),
          para({ text: letter.closing, indent: true, align: AlignmentType.JUSTIFIED, after: 240 }),
          footer(letter),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
