import type { ImportDocumentInput } from '../../../shared/schemas/import.ts';

/**
 * CSV import of units or contacts, turned into the `POST /import` document (validated whole by the
 * API, and first by the same zod schema in the browser). The header row names the columns with the
 * API's field names: units `id,name,kind,parentId`; contacts `id,unitId,name,role,phone,email,channels`
 * (channels separated by `;` or spaces). Excel's BOM, `;` separators and CRLF are accepted.
 */
export type CsvKind = 'units' | 'contacts';

export interface CsvImport {
  kind: CsvKind;
  document: ImportDocumentInput;
  rows: number;
}

const UNIT_COLUMNS = ['id', 'name', 'kind', 'parentId'] as const;
const CONTACT_COLUMNS = ['id', 'unitId', 'name', 'role', 'phone', 'email', 'channels'] as const;

/** RFC 4180 fields: quotes, doubled quotes, separators and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

export class CsvError extends Error {}

/** The import document of a units or contacts CSV; throws CsvError on an unknown header. */
export function csvToImport(text: string): CsvImport {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new CsvError('empty');
  const columns = header.map((h) => h.trim());
  const kind: CsvKind | undefined = columns.includes('unitId')
    ? 'contacts'
    : columns.includes('kind')
      ? 'units'
      : undefined;
  if (!kind) throw new CsvError('header');
  const known: readonly string[] = kind === 'units' ? UNIT_COLUMNS : CONTACT_COLUMNS;
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length) throw new CsvError(`columns: ${unknown.join(', ')}`);
  const records = body.map((cells) => {
    const record: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      const value = (cells[index] ?? '').trim();
      if (value === '') return;
      record[column] = column === 'channels' ? value.split(/[;\s|]+/).filter(Boolean) : value;
    });
    if (kind === 'units' && record.parentId === undefined) record.parentId = null;
    return record;
  });
  const document = (kind === 'units' ? { units: records } : { contacts: records }) as ImportDocumentInput;
  return { kind, document, rows: records.length };
}
