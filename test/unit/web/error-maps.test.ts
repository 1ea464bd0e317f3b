import { describe, expect, it } from 'vitest';
import {
  contactCreateSchema,
  directiveCreateSchema,
  errorCodeSchema,
  extensionRequestSchema,
  progressBodySchema,
  taskCreateSchema,
  unitCreateSchema,
} from '../../../shared/schemas/api.ts';
import { API_ERROR_MESSAGES, BUSY_MESSAGES } from '../../../shared/schemas/i18n/api-errors.ts';
import { localizeRule, safeParseIn } from '../../../shared/schemas/i18n/localize.ts';
import { reminderPolicySchema } from '../../../shared/schemas/policy.ts';
import { ApiError } from '../../../web/src/api.ts';
import { failureOf, labelOf } from '../../../web/src/failures.ts';

/** Bad input for each form's schema: empty, wrong type, unknown field, impossible dates and numbers. */
const BAD: [string, { safeParse: unknown }, unknown][] = [
  [
    'directive',
    directiveCreateSchema,
    { number: '', issuedOn: '2026-02-30', issuer: 1, title: '', extra: 1 },
  ],
  ['task', taskCreateSchema, { title: '', due: '31/12/2026', lead: [], policy: '', urgent: 'yes' }],
  ['task due', taskCreateSchema, { title: 'x', due: { workingDays: -1, after: 'x' }, lead: ['so-noi-vu'] }],
  ['unit', unitCreateSchema, { id: 'Sở Nội vụ', name: '', kind: 'planet' }],
  ['contact', contactCreateSchema, { name: '', role: 'boss', phone: '024 3825 1234', email: 'not-mail' }],
  ['progress', progressBodySchema, { percent: 120.5 }],
  ['extension', extensionRequestSchema, { newDue: '', reason: ' ' }],
  [
    'policy',
    reminderPolicySchema,
    {
      name: 'Mặc định',
      sendAt: '22:00',
      steps: [{ offset: '5 days', times: 2, channels: [], to: ['unit', 'unit'] }],
    },
  ],
];

/** What a Vietnamese screen must never show: zod's English, its jargon, or a bare code. */
const ENGLISH =
  /\b(expected|received|invalid|input|must|string|characters?|required|too (small|big)|undefined)\b/i;

describe('the Vietnamese and English error maps of the shared schemas', () => {
  it.each(BAD)('words every issue of a bad %s in Vietnamese, with no English left', (_, schema, input) => {
    // Act
    const result = safeParseIn(schema as typeof taskCreateSchema, input, 'vi');
    // Assess
    expect(result.success).toBe(false);
    const rules = result.success ? [] : result.issues.map((i) => i.rule);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter((r) => ENGLISH.test(r))).toEqual([]);
  });

  it.each(BAD)('words every issue of a bad %s in plain English, with no zod jargon', (_, schema, input) => {
    // Act
    const result = safeParseIn(schema as typeof taskCreateSchema, input, 'en');
    // Assess
    const rules = result.success ? [] : result.issues.map((i) => i.rule);
    expect(rules.filter((r) => /expected|received|Too small|Too big|Invalid input/.test(r))).toEqual([]);
  });

  it('says what a rule means rather than how zod checks it', () => {
    // Act
    const result = safeParseIn(
      directiveCreateSchema,
      { number: '', issuedOn: '2026-02-30', issuer: 'UBND tỉnh', title: 'Kế hoạch' },
      'vi',
    );
    // Assess
    expect(result.success ? [] : result.issues).toEqual([
      { path: 'number', rule: 'Không được để trống' },
      { path: 'issuedOn', rule: 'Ngày không có thật trên lịch' },
    ]);
  });

  it("translates a use case's rule it knows and never shows one it does not in English", () => {
    expect(localizeRule('must be a real calendar date', 'vi')).toBe('Ngày không có thật trên lịch');
    expect(localizeRule('unknown unit "so-xyz"', 'vi')).toBe('Giá trị không hợp lệ');
    expect(localizeRule('unknown unit "so-xyz"', 'en')).toBe('unknown unit "so-xyz"');
  });
});

describe('the API error codes and failures in both languages', () => {
  it('has a message in Vietnamese and English for every error code of the API', () => {
    // Prepare
    const codes = errorCodeSchema.options;
    // Assess
    for (const lang of ['vi', 'en'] as const)
      expect(Object.keys(API_ERROR_MESSAGES[lang]).sort()).toEqual([...codes].sort());
  });

  it('words the replies API Gateway writes without a code by their status, and offers a retry when busy', () => {
    // Act
    const throttled = failureOf(new ApiError(429, '429', 'Too Many Requests'), 'vi');
    const unreachable = failureOf(new ApiError(503, '503', 'Service Unavailable'), 'vi');
    // Assess
    expect([throttled.message, throttled.retryable]).toEqual([BUSY_MESSAGES.vi, true]);
    expect([unreachable.message, unreachable.retryable]).toEqual([API_ERROR_MESSAGES.vi.internal, true]);
  });

  it("shows a 403 in Vietnamese rather than the API's English", () => {
    // Act
    const failure = failureOf(
      new ApiError(403, 'forbidden', 'this assignment belongs to another unit'),
      'vi',
    );
    // Assess
    expect([failure.message, failure.retryable]).toEqual([API_ERROR_MESSAGES.vi.forbidden, false]);
  });

  it('offers a retry after a network failure or a server error, not after a rejected input', () => {
    // Act
    const offline = failureOf(new TypeError('Failed to fetch'), 'vi');
    const server = failureOf(new ApiError(500, 'internal', 'Internal server error'), 'vi');
    const invalid = failureOf(
      new ApiError(400, 'validation', 'invalid body', [{ path: 'lead[0]', rule: 'unknown unit "x"' }]),
      'vi',
    );
    // Assess
    expect([offline.retryable, server.retryable, invalid.retryable]).toEqual([true, true, false]);
    expect(offline.message).toMatch(/^Không kết nối được/);
    expect(invalid.errors).toEqual({ 'lead[0]': 'Giá trị không hợp lệ' });
  });

  it('names a field by its label, also inside a list', () => {
    // Prepare
    const labels = { lead: 'Đơn vị chủ trì', 'steps.offset': 'Thời điểm nhắc' };
    // Assess
    expect([
      labelOf('lead[1]', labels),
      labelOf('steps[2].offset', labels),
      labelOf('other', labels),
    ]).toEqual(['Đơn vị chủ trì', 'Thời điểm nhắc', undefined]);
  });
});
