import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderTable } from '../../../local/tools/holiday-table.ts';
import { WorkingCalendar } from '../../../shared/domain/calendar.ts';

describe('the shipped statutory holiday table', () => {
  it('is exactly what date-holidays gives today (run `npm run generate:holidays` if not)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(renderTable());
  });

  it('still knows the fixed-date holidays of a year beyond the table', () => {
    const calendar = WorkingCalendar.create();

    expect(calendar.dayInfo('2101-09-02')).toMatchObject({ working: false, reason: 'Quốc khánh' });
    expect(calendar.dayInfo('2101-04-29')).toMatchObject({ working: true });
  });
});
