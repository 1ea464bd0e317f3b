import { describe, expect, it } from 'vitest';
import { occurrences } from '../../../shared/domain/recurrence.ts';
import { choiceOf, recurrenceText, ruleOf } from '../../../web/src/model/recurrence-builder.ts';

describe('the recurrence builder', () => {
  it('makes a quarterly report before the 15th of the last month of each quarter', () => {
    // Act
    const rule = ruleOf({ frequency: 'quarterly', when: 'before', day: 15, month: 3 });
    // Assess
    expect(rule).toBe('FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=14');
    expect(occurrences(rule ?? '', '2026-01-01', '2026-12-31')).toEqual([
      '2026-03-14',
      '2026-06-14',
      '2026-09-14',
      '2026-12-14',
    ]);
  });

  it('puts "before the 1st" on the last day of the month before', () => {
    // Act
    const rule = ruleOf({ frequency: 'half-yearly', when: 'before', day: 1, month: 1 });
    // Assess
    expect(occurrences(rule ?? '', '2026-01-01', '2026-12-31')).toEqual(['2026-06-30', '2026-12-31']);
  });

  it('reads back every rule it makes, and words it for a clerk', () => {
    // Prepare
    const choice = { frequency: 'monthly', when: 'on', day: 5, month: 1 } as const;
    // Act
    const rule = ruleOf(choice);
    // Assess
    expect(choiceOf(rule)).toEqual(choice);
    expect(recurrenceText(rule ?? '', 'vi')).toBe('Hằng tháng, vào ngày 5');
  });

  it('shows a rule it does not make as it is', () => {
    expect(recurrenceText('FREQ=WEEKLY;BYDAY=MO', 'vi')).toBe('FREQ=WEEKLY;BYDAY=MO');
  });
});
