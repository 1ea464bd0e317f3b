import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '#domain/calendar';
import { defaultPolicy } from '#domain/policy';
import { sendingAllowed } from '#domain/send-windows';
import { digestId, isDigestId, localMinute } from '#usecases/engine/digest';

const calendar = WorkingCalendar.create();

describe('digest windows and ids', () => {
  it('names the window by its local minute', () => {
    expect(localMinute(new Date('2026-03-23T01:00:59.000Z'))).toBe('2026-03-23T08:00');
  });

  it('gives one recipient, channel and window one deterministic id', () => {
    const id = digestId(
      { channel: 'sms', recipient: 'gd', recipientUnitId: 'so-noi-vu' },
      '2026-03-23T08:00',
    );

    expect(id).toBe('digest.sms.202603230800.so-noi-vu.gd');
  });

  it('keeps a long recipient id within a schedule name and a valid id', () => {
    const id = digestId(
      { channel: 'email', recipient: 'x'.repeat(80), recipientUnitId: 'x'.repeat(80) },
      '2026-03-23T08:00',
    );

    expect(id).toMatch(/^digest\.email\.202603230800\.[0-9a-f]{24}$/);
    expect(`check-${id}`.length).toBeLessThanOrEqual(64);
  });

  it('tells digest fires from assignment fires', () => {
    expect([isDigestId('digest.sms.202603230800.u.c'), isDigestId('01JSAZ3V6Q2W8X1Y4Z5A6B7C8D')]).toEqual([
      true,
      false,
    ]);
  });

  it('allows sending at 08:00 on a working day', () => {
    expect(sendingAllowed(new Date('2026-03-23T01:00:00.000Z'), defaultPolicy, calendar)).toBe(true);
  });

  it('forbids sending in quiet hours', () => {
    expect(sendingAllowed(new Date('2026-03-23T15:00:00.000Z'), defaultPolicy, calendar)).toBe(false); // 22:00
  });

  it('forbids sending on a public holiday', () => {
    expect(sendingAllowed(new Date('2026-09-02T03:00:00.000Z'), defaultPolicy, calendar)).toBe(false); // Quốc khánh
  });
});
