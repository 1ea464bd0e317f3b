import { describe, expect, it } from 'vitest';
import { defaultPolicy, parseOffset, parsePolicy } from '#domain/policy';
import { ValidationError } from '#shared/errors';

const valid = {
  name: 'thu-nghiem',
  steps: [{ offset: '-1wd', channels: ['sms'], to: ['unit'] }],
};

function issuesOf(json: unknown): { path: string; rule: string }[] {
  try {
    parsePolicy(json);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('defaultPolicy', () => {
  it('is the mac-dinh policy of the issue and passes its own validation', () => {
    expect(parsePolicy(JSON.parse(JSON.stringify(defaultPolicy)))).toEqual(defaultPolicy);
    expect(defaultPolicy.name).toBe('mac-dinh');
    expect(defaultPolicy.steps.map((s) => s.offset)).toEqual(['-5wd', '-1wd', '0wd', '+1wd', '+10wd']);
  });
});

describe('parsePolicy', () => {
  it('fills in sendAt, quiet hours, diacritics and times', () => {
    const policy = parsePolicy(valid);

    expect(policy).toMatchObject({
      sendAt: '08:00',
      quietHours: { start: '21:00', end: '07:00' },
      smsDiacritics: 'strip',
    });
    expect(policy.steps[0]?.times).toBe(1);
  });

  it('rejects a bad offset naming the step and the rule', () => {
    const issues = issuesOf({ ...valid, steps: [{ offset: '-5 days', channels: ['sms'], to: ['unit'] }] });

    expect(issues).toEqual([
      { path: 'steps.0.offset', rule: expect.stringContaining('signed count of wd, d or h') },
    ]);
  });

  it('rejects sendAt inside quiet hours', () => {
    const issues = issuesOf({ ...valid, sendAt: '22:00' });

    expect(issues).toEqual([{ path: 'sendAt', rule: 'must be outside quiet hours (21:00-07:00)' }]);
  });

  it('rejects sendAt inside daytime quiet hours too', () => {
    const issues = issuesOf({ ...valid, sendAt: '12:30', quietHours: { start: '12:00', end: '13:30' } });

    expect(issues).toEqual([{ path: 'sendAt', rule: 'must be outside quiet hours (12:00-13:30)' }]);
  });

  it('rejects times below 1', () => {
    const issues = issuesOf({
      ...valid,
      steps: [{ offset: '+1wd', times: 0, channels: ['sms'], to: ['unit'] }],
    });

    expect(issues).toEqual([{ path: 'steps.0.times', rule: 'must be at least 1' }]);
  });

  it('requires repeatEvery when a step sends more than once', () => {
    const issues = issuesOf({
      ...valid,
      steps: [{ offset: '+1wd', times: 3, channels: ['sms'], to: ['unit'] }],
    });

    expect(issues).toEqual([{ path: 'steps.0.repeatEvery', rule: 'is required when times > 1' }]);
  });

  it('rejects a repeat that does not move forward', () => {
    const step = { offset: '+1wd', repeatEvery: '-2wd', times: 2, channels: ['sms'], to: ['unit'] };

    expect(issuesOf({ ...valid, steps: [step] })).toEqual([
      { path: 'steps.0.repeatEvery', rule: expect.stringContaining('positive count') },
    ]);
  });

  it('rejects an unknown channel naming its position', () => {
    const issues = issuesOf({
      ...valid,
      steps: [{ offset: '0wd', channels: ['sms', 'zalo'], to: ['unit'] }],
    });

    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('steps.0.channels.1');
  });

  it('rejects a repeated channel', () => {
    const issues = issuesOf({ ...valid, steps: [{ offset: '0wd', channels: ['sms', 'sms'], to: ['unit'] }] });

    expect(issues).toEqual([{ path: 'steps.0.channels', rule: 'must not repeat a channel' }]);
  });

  it('rejects an unknown audience', () => {
    const issues = issuesOf({ ...valid, steps: [{ offset: '0wd', channels: ['sms'], to: ['minister'] }] });

    expect(issues[0]?.path).toBe('steps.0.to.0');
  });

  it('rejects quiet hours that start and end at the same time', () => {
    const issues = issuesOf({ ...valid, quietHours: { start: '21:00', end: '21:00' } });

    expect(issues).toEqual([{ path: 'quietHours.end', rule: 'must differ from quietHours.start' }]);
  });

  it('rejects unknown fields', () => {
    const issues = issuesOf({ ...valid, colour: 'red' });

    expect(issues[0]?.rule).toContain('colour');
  });

  it('says what is wrong in the error message too', () => {
    expect(() => parsePolicy({ ...valid, sendAt: '25:00' })).toThrow(
      /invalid reminder policy: sendAt: must be a time/,
    );
  });
});

describe('parseOffset', () => {
  it.each([
    ['-5wd', { count: -5, unit: 'wd' }],
    ['+1wd', { count: 1, unit: 'wd' }],
    ['0wd', { count: 0, unit: 'wd' }],
    ['-4h', { count: -4, unit: 'h' }],
    ['3d', { count: 3, unit: 'd' }],
  ])('reads %s', (text, expected) => {
    expect(parseOffset(text)).toEqual(expected);
  });
});
