import { describe, expect, it } from 'vitest';
import { sessionOf } from '../../../web/src/auth.ts';
import { errorAt, issuesToErrors } from '../../../web/src/failures.ts';

const jwt = (claims: Record<string, unknown>) =>
  `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const now = new Date('2026-05-01T00:00:00Z');
const later = Math.floor(now.getTime() / 1000) + 3600;

describe('the console session', () => {
  it("reads a unit head's unit from a Cognito-style token", () => {
    // Act
    const session = sessionOf(
      jwt({ sub: 'u1', 'cognito:groups': ['unit-head'], 'custom:unitId': 'so-noi-vu', exp: later }),
      now,
    );
    // Assess
    expect(session).toMatchObject({ role: 'unit-head', unitId: 'so-noi-vu', sub: 'u1' });
  });

  it('accepts groups written the way API Gateway passes them', () => {
    // Act
    const session = sessionOf(jwt({ sub: 'a', 'cognito:groups': '[admin]', exp: later }), now);
    // Assess
    expect(session?.role).toBe('admin');
  });

  it('knows when the token expires, to send the user back to sign-in then', () => {
    // Act
    const session = sessionOf(jwt({ sub: 'a', 'cognito:groups': ['admin'], exp: later }), now);
    // Assess
    expect(session?.expiresAt).toBe(later * 1000);
  });

  it('refuses an expired token', () => {
    // Act
    const session = sessionOf(jwt({ sub: 'a', 'cognito:groups': ['admin'], exp: later - 7200 }), now);
    // Assess
    expect(session).toBeUndefined();
  });

  it('refuses a unit-head token without a unit', () => {
    // Act
    const session = sessionOf(jwt({ sub: 'h', 'cognito:groups': ['unit-head'], exp: later }), now);
    // Assess
    expect(session).toBeUndefined();
  });
});

describe('form errors', () => {
  it('collects the rules at a path and under it, as the API writes paths', () => {
    // Prepare
    const errors = issuesToErrors([
      { path: 'due.after', rule: 'must be a date YYYY-MM-DD' },
      { path: 'lead[0]', rule: 'must be a slug' },
      { path: 'title', rule: 'too short' },
    ]);
    // Act
    const due = errorAt(errors, 'due');
    const lead = errorAt(errors, 'lead');
    // Assess
    expect(due).toBe('must be a date YYYY-MM-DD');
    expect(lead).toBe('must be a slug');
    expect(errorAt(errors, 'policy')).toBeUndefined();
  });
});
