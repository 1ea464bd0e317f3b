import { describe, expect, it } from 'vitest';
import { CODE_PATTERN, linkCode, linkId, redactLinkCode } from '#domain/link';

const MESSAGE = 'digest.sms.202603200800.so-noi-vu.gd';

describe('linkCode', () => {
  it('gives a message the same 12-character code every time (a resend carries the same link)', () => {
    const first = linkCode('k3y', MESSAGE);

    expect(linkCode('k3y', MESSAGE)).toBe(first);
    expect(first).toMatch(CODE_PATTERN);
  });

  it('gives another message, or the same message under another key, another code', () => {
    const code = linkCode('k3y', MESSAGE);

    expect(linkCode('k3y', 'digest.sms.202603200800.so-noi-vu.cv')).not.toBe(code);
    expect(linkCode('other key', MESSAGE)).not.toBe(code);
  });

  it('is not the stored id: the table holds only the hash of the code', () => {
    const code = linkCode('k3y', MESSAGE);

    expect(linkId(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(linkId(code)).not.toContain(code);
  });
});

describe('redactLinkCode', () => {
  it('masks the code in a text, keeping its length', () => {
    const text = 'So Noi vu: "Bao cao quy I", han 14/03. https://dondoc.example/l/Xb3k9QpZ_m2A';

    const kept = redactLinkCode(text, 'Xb3k9QpZ_m2A');

    expect(kept).toBe('So Noi vu: "Bao cao quy I", han 14/03. https://dondoc.example/l/************');
  });
});
