import { describe, expect, it } from 'vitest';
import { importDocumentSchema } from '../../../shared/schemas/import.ts';
import { CsvError, csvToImport, parseCsv } from '../../../web/src/model/csv-import.ts';

describe('the CSV import', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    // Act
    const rows = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n');
    // Assess
    expect(rows).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it("reads Excel's semicolon-separated CSV with a BOM", () => {
    // Act
    const rows = parseCsv('\uFEFFid;name\nso-noi-vu;Sở Nội vụ\n');
    // Assess
    expect(rows).toEqual([
      ['id', 'name'],
      ['so-noi-vu', 'Sở Nội vụ'],
    ]);
  });

  it('turns a units CSV into an import document the API schema accepts', () => {
    // Act
    const result = csvToImport(
      'id,name,kind,parentId\nvp,Văn phòng,office,\nso-noi-vu,Sở Nội vụ,department,vp\n',
    );
    // Assess
    expect(result.kind).toBe('units');
    expect(importDocumentSchema.parse(result.document).units).toEqual([
      { id: 'vp', name: 'Văn phòng', kind: 'office', parentId: null },
      { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'vp' },
    ]);
  });

  it('turns a contacts CSV into contacts with E.164 phones and channel lists', () => {
    // Act
    const result = csvToImport(
      'id,unitId,name,role,phone,email,channels\nnv,so-noi-vu,Nguyễn An,head,0912 345 678,,sms;email\n',
    );
    // Assess
    expect(importDocumentSchema.parse(result.document).contacts).toEqual([
      {
        id: 'nv',
        unitId: 'so-noi-vu',
        name: 'Nguyễn An',
        role: 'head',
        phone: '+84912345678',
        channels: ['sms', 'email'],
      },
    ]);
  });

  it('rejects a header it does not know, naming the columns', () => {
    // Act
    const attempt = () => csvToImport('id,name,kind,colour\nx,y,office,red\n');
    // Assess
    expect(attempt).toThrow(CsvError);
    expect(attempt).toThrow(/colour/);
  });
});
