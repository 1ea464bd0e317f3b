import { describe, expect, it } from 'vitest';
import { maskContacts, maskEmail, maskPhone } from '../../../shared/logger.ts';

describe('maskPhone', () => {
  it('keeps the country code and the last three digits', () => {
    expect(maskPhone('+84912345678')).toBe('+84******678');
  });

  it('hides a number too short to show any part of', () => {
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('maskEmail', () => {
  it('keeps the first character of the mailbox and the domain', () => {
    expect(maskEmail('a.nguyen@x.vn')).toBe('a***@x.vn');
  });

  it('hides a value that is not an address', () => {
    expect(maskEmail('not-an-address')).toBe('***');
  });
});

describe('maskContacts', () => {
  it('masks every phone and address inside free text', () => {
    expect(maskContacts('PhoneNumber +84912345678 and a.nguyen@snv.gov.vn rejected')).toBe(
      'PhoneNumber +84******678 and a***@snv.gov.vn rejected',
    );
  });
});
