import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DICTS } from '../../../web/src/i18n.ts';
import {
  authorizeUrl,
  codeChallenge,
  type HostedUi,
  logoutUrl,
  parseCallback,
  parseHostedUi,
  parseTokenResponse,
  randomToken,
  TokenExchangeError,
  tokenRequest,
  withoutCallbackParams,
} from '../../../web/src/oauth.ts';

const ui: HostedUi = {
  domain: 'https://dondoc-dev-tinhmau.auth.ap-southeast-1.amazoncognito.com',
  clientId: 'client123',
  redirectUri: 'https://d111.cloudfront.net/',
};
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const idToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln';

/** RFC 7636 appendix B: the verifier's 32 octets, the verifier and its S256 challenge. */
const RFC_OCTETS = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
  240, 91, 88, 5, 88, 83, 132, 141, 121,
];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('derives the S256 code challenge of RFC 7636 appendix B from its verifier', async () => {
    // Act
    const challenge = await codeChallenge(RFC_VERIFIER, subtle);
    // Assess
    expect(challenge).toBe(RFC_CHALLENGE);
  });

  it('encodes 32 random octets as the 43-character verifier of RFC 7636 appendix B', () => {
    // Prepare
    const fill = (bytes: Uint8Array<ArrayBuffer>) => bytes.set(RFC_OCTETS);
    // Act
    const verifier = randomToken(fill);
    // Assess
    expect(verifier).toBe(RFC_VERIFIER);
  });
});

describe('the hosted UI requests', () => {
  it('sends the browser to the authorize endpoint with the code grant, the scopes, state and S256 challenge', () => {
    // Act
    const url = new URL(authorizeUrl(ui, { state: 's-1', challenge: 'c-1' }));
    // Assess
    expect(`${url.origin}${url.pathname}`).toBe(`${ui.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: 'https://d111.cloudfront.net/',
      scope: 'openid email profile',
      state: 's-1',
      code_challenge: 'c-1',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges the code at the token endpoint as a form with the verifier', () => {
    // Act
    const { url, init } = tokenRequest(ui, 'code-1', 'verifier-1');
    // Assess
    expect(url).toBe(`${ui.domain}/oauth2/token`);
    expect(init.method).toBe('POST');
    expect(init.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(init.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'code-1',
      redirect_uri: 'https://d111.cloudfront.net/',
      code_verifier: 'verifier-1',
    });
  });

  it('signs out at the logout endpoint and comes back to the console', () => {
    // Act
    const url = new URL(logoutUrl(ui));
    // Assess
    expect(`${url.origin}${url.pathname}`).toBe(`${ui.domain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client123',
      logout_uri: 'https://d111.cloudfront.net/',
    });
  });
});

describe('the return from the hosted UI', () => {
  it('accepts a code that comes back with the state this browser sent', () => {
    // Act
    const callback = parseCallback('?code=abc&state=s-1', 's-1');
    // Assess
    expect(callback).toEqual({ kind: 'code', code: 'abc' });
  });

  it('rejects a code whose state does not match', () => {
    // Act
    const callback = parseCallback('?code=abc&state=forged', 's-1');
    // Assess
    expect(callback).toEqual({ kind: 'error', problem: 'state' });
  });

  it('rejects a code when this browser started no sign-in', () => {
    // Act
    const callback = parseCallback('?code=abc&state=s-1', undefined);
    // Assess
    expect(callback).toEqual({ kind: 'error', problem: 'state' });
  });

  it('reports access_denied as a refused sign-in, in words a user understands', () => {
    // Act
    const callback = parseCallback('?error=access_denied&error_description=User+cancelled&state=s-1', 's-1');
    // Assess
    expect(callback).toEqual({ kind: 'error', problem: 'denied', detail: 'User cancelled' });
    expect(DICTS.vi.signInProblems.denied).toMatch(/hủy hoặc bị từ chối/);
    expect(DICTS.en.signInProblems.denied).toMatch(/cancelled or refused/);
  });

  it('reports any other OAuth error as a failed sign-in', () => {
    // Act
    const callback = parseCallback('?error=invalid_request&state=s-1', 's-1');
    // Assess
    expect(callback).toMatchObject({ kind: 'error', problem: 'failed' });
  });

  it('sees no return from the hosted UI in an ordinary address', () => {
    // Act
    const callback = parseCallback('', 's-1');
    // Assess
    expect(callback).toEqual({ kind: 'none' });
  });

  it('removes the code and state from the address, keeping the rest', () => {
    // Act
    const clean = withoutCallbackParams('https://d111.cloudfront.net/?code=abc&state=s-1&lang=en#/units');
    // Assess
    expect(clean).toBe('https://d111.cloudfront.net/?lang=en#/units');
  });
});

describe('the token reply', () => {
  it('keeps the ID token of a successful reply', () => {
    // Act
    const reply = parseTokenResponse(200, {
      id_token: idToken,
      access_token: 'a.b.c',
      refresh_token: 'r',
      expires_in: 3600,
      token_type: 'Bearer',
    });
    // Assess
    expect(reply).toEqual({ idToken, expiresIn: 3600 });
  });

  it('throws the OAuth error of a refused exchange', () => {
    // Act
    const exchange = () => parseTokenResponse(400, { error: 'invalid_grant' });
    // Assess
    expect(exchange).toThrow(TokenExchangeError);
    expect(exchange).toThrow(/invalid_grant/);
  });

  it('throws when a successful reply carries no ID token', () => {
    // Act
    const exchange = () => parseTokenResponse(200, { access_token: 'a.b.c' });
    // Assess
    expect(exchange).toThrow(/no_id_token/);
  });
});

describe('the hosted UI settings of config.json', () => {
  it('reads the domain, client and redirect URI, without a trailing slash on the domain', () => {
    // Act
    const settings = parseHostedUi({ ...ui, domain: `${ui.domain}/` });
    // Assess
    expect(settings).toEqual(ui);
  });

  it('means local sign-in when config.json has no complete auth entry', () => {
    // Act
    const settings = [undefined, null, {}, { domain: ui.domain, clientId: 'c' }].map(parseHostedUi);
    // Assess
    expect(settings).toEqual([undefined, undefined, undefined, undefined]);
  });
});
