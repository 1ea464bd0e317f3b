import { describe, expect, it } from 'vitest';
import { PHONE_RULE, phoneSchema } from '#schemas/phone';

describe('phoneSchema', () => {
  it.each([
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '+84 912 345 678',
    '84912345678',
    '+84912345678',
    ' 0912345678 ',
  ])('stores %j as +84912345678', (input) => {
    const result = phoneSchema.parse(input);

    expect(result).toBe('+84912345678');
  });

  it.each([
    ['+84 900 000 001', '+84900000001'],
    ['0900000017', '+84900000017'],
  ])('accepts the demo number %j', (input, e164) => {
    const result = phoneSchema.parse(input);

    expect(result).toBe(e164);
  });

  it.each([
    ['0386 123 456', '+84386123456'],
    ['0559 123 456', '+84559123456'],
    ['0708 123 456', '+84708123456'],
    ['0869 123 456', '+84869123456'],
  ])('accepts the mobile prefix of %j', (input, e164) => {
    const result = phoneSchema.parse(input);

    expect(result).toBe(e164);
  });

  it.each([
    ['a Hà Nội landline', '024 3825 1234'],
    ['a Bắc Kạn landline', '0209 3870 123'],
    ['a foreign mobile', '+1 202 555 0143'],
    ['a number one digit short', '091 234 567'],
    ['a number one digit long', '0912 345 6789'],
    ['an old 11-digit mobile', '0123 456 7890'],
    ['letters', '0912 ABC 678'],
    ['an empty string', ''],
  ])('rejects %s with the rule', (_what, input) => {
    const result = phoneSchema.safeParse(input);

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([PHONE_RULE]);
  });

  it('states the rule with examples of valid input', () => {
    expect(PHONE_RULE).toBe('must be a Vietnamese mobile number such as 0912 345 678 or +84 912 345 678');
  });
});

describe('the Vietnam phone metadata', () => {
  it('is the VN part of the installed libphonenumber-js max metadata', async () => {
    // Prepare
    const { default: max } = await import('libphonenumber-js/metadata.max.json', { with: { type: 'json' } });
    const { vnPhoneMetadata } = await import('#schemas/phone-metadata-vn');
    // Assess
    expect(vnPhoneMetadata).toEqual({
      version: max.version,
      country_calling_codes: { 84: max.country_calling_codes['84'] },
      countries: { VN: max.countries.VN },
      nonGeographic: {},
    });
  });
});
