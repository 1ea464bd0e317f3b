/**
 * Sign-in through the Cognito hosted UI: the OAuth 2.0 authorization-code grant with PKCE (RFC 7636,
 * S256) for a public client. Pure functions only — randomness and hashing come in as parameters —
 * so the browser glue in auth.ts stays small and everything here is unit-tested.
 */

/** `auth` of `/config.json`, written by the CDK deployment next to the console. */
export interface HostedUi {
  /** Base URL of the hosted UI, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  domain: string;
  clientId: string;
  /** The console's root, registered as the client's callback and logout URL. */
  redirectUri: string;
}

/** What the user is told when the round trip through the hosted UI did not end in a session. */
export type SignInProblem = 'denied' | 'state' | 'exchange' | 'noRole' | 'failed';

export type Callback =
  | { kind: 'none' }
  | { kind: 'code'; code: string }
  | { kind: 'error'; problem: SignInProblem; detail?: string };

export const SCOPES = ['openid', 'email', 'profile'] as const;

const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri'];

/** The hosted UI settings of `/config.json`, or undefined (the local runtime: tokens are pasted). */
export function parseHostedUi(value: unknown): HostedUi | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { domain, clientId, redirectUri } = value as Record<string, unknown>;
  if (typeof domain !== 'string' || typeof clientId !== 'string' || typeof redirectUri !== 'string') {
    return undefined;
  }
  if (!domain || !clientId || !redirectUri) return undefined;
  return { domain: domain.replace(/\/+$/, ''), clientId, redirectUri };
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes, base64url: a 43-character verifier (or `state`), the RFC's recommended size. */
export function randomToken(fill: (bytes: Uint8Array<ArrayBuffer>) => unknown): string {
  const bytes = new Uint8Array(32);
  fill(bytes);
  return base64Url(bytes);
}

/** `BASE64URL(SHA256(ASCII(verifier)))`, the S256 code challenge. */
export async function codeChallenge(verifier: string, subtle: SubtleCrypto): Promise<string> {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** Where the browser goes to sign in. */
export function authorizeUrl(ui: HostedUi, request: { state: string; challenge: string }): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: ui.clientId,
    redirect_uri: ui.redirectUri,
    scope: SCOPES.join(' '),
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
  });
  return `${ui.domain}/oauth2/authorize?${params.toString()}`;
}

/**
 * Reads the hosted UI's redirect (`?code=&state=` or `?error=`). A code is accepted only with the
 * `state` this browser sent: anything else may be a forged or replayed redirect.
 */
export function parseCallback(search: string, expectedState: string | undefined): Callback {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) {
    const detail = params.get('error_description') ?? error;
    return error === 'access_denied'
      ? { kind: 'error', problem: 'denied', detail }
      : { kind: 'error', problem: 'failed', detail };
  }
  const code = params.get('code');
  if (!code) return { kind: 'none' };
  const state = params.get('state');
  if (!expectedState || state !== expectedState) return { kind: 'error', problem: 'state' };
  return { kind: 'code', code };
}

/** The address without the callback's parameters (the code is single-use, but not for the history). */
export function withoutCallbackParams(href: string): string {
  const url = new URL(href);
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  return url.toString();
}

/** The token request of the authorization-code grant, as `fetch` arguments. */
export function tokenRequest(
  ui: HostedUi,
  code: string,
  verifier: string,
): { url: string; init: { method: 'POST'; headers: Record<string, string>; body: string } } {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: ui.clientId,
    code,
    redirect_uri: ui.redirectUri,
    code_verifier: verifier,
  });
  return {
    url: `${ui.domain}/oauth2/token`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    },
  };
}

export class TokenExchangeError extends Error {
  constructor(readonly code: string) {
    super(`token exchange failed: ${code}`);
  }
}

/** The ID token of a token endpoint reply; an OAuth error reply or a reply without one throws. */
export function parseTokenResponse(status: number, body: unknown): { idToken: string; expiresIn?: number } {
  const reply = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (status < 200 || status >= 300 || typeof reply.error === 'string') {
    throw new TokenExchangeError(typeof reply.error === 'string' ? reply.error : `HTTP ${status}`);
  }
  if (typeof reply.id_token !== 'string' || reply.id_token.split('.').length !== 3) {
    throw new TokenExchangeError('no_id_token');
  }
  return {
    idToken: reply.id_token,
    ...(typeof reply.expires_in === 'number' ? { expiresIn: reply.expires_in } : {}),
  };
}

/** Ends the hosted UI's own session too, then comes back to the console. */
export function logoutUrl(ui: HostedUi): string {
  const params = new URLSearchParams({ client_id: ui.clientId, logout_uri: ui.redirectUri });
  return `${ui.domain}/logout?${params.toString()}`;
}
