import {
  authorizeUrl,
  codeChallenge,
  type HostedUi,
  parseCallback,
  parseTokenResponse,
  randomToken,
  type SignInProblem,
  tokenRequest,
  withoutCallbackParams,
} from './oauth.ts';

/**
 * Sign-in state. Locally a token signed by the runtime (`npx dondoc token`), pasted or opened as a
 * `?token=` link (the token is then removed from the address bar). In AWS a Cognito ID token from the
 * hosted UI (see oauth.ts), kept in sessionStorage: it dies with the tab. The claims are read only
 * to shape the UI: the API authorizes every call.
 */
export interface Session {
  token: string;
  role: 'admin' | 'unit-head';
  unitId?: string;
  name?: string;
  sub: string;
  /** When the token expires (epoch milliseconds), if it says. */
  expiresAt?: number;
}

const KEY = 'dondoc.token';
/** The PKCE verifier, `state` and the page to return to, between leaving for the hosted UI and coming back. */
const PENDING_KEY = 'dondoc.oauth';

function base64UrlDecode(part: string): string {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The session a JWT stands for, or undefined when it is not a readable, unexpired dondoc token. */
export function sessionOf(token: string, now: Date = new Date()): Session | undefined {
  const payload = token.trim().split('.')[1];
  if (!payload) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(payload));
  } catch {
    return undefined;
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime()) return undefined;
  const rawGroups = claims['cognito:groups'];
  const groups = Array.isArray(rawGroups)
    ? rawGroups.map(String)
    : String(rawGroups ?? '')
        .replace(/[[\]]/g, '')
        .split(/[\s,]+/);
  const role = groups.includes('admin') ? 'admin' : groups.includes('unit-head') ? 'unit-head' : undefined;
  if (!role) return undefined;
  const unitId = typeof claims['custom:unitId'] === 'string' ? claims['custom:unitId'] : undefined;
  if (role === 'unit-head' && !unitId) return undefined;
  return {
    token: token.trim(),
    role,
    sub: String(claims.sub ?? ''),
    ...(unitId ? { unitId } : {}),
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
  };
}

/** The stored session: from sessionStorage with the hosted UI, else from a `?token=` link or localStorage. */
export function loadSession(hosted = false): Session | undefined {
  if (hosted) {
    const stored = window.sessionStorage.getItem(KEY);
    return stored ? sessionOf(stored) : undefined;
  }
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    const session = sessionOf(fromLink);
    if (session) {
      saveSession(session);
      return session;
    }
  }
  const stored = window.localStorage.getItem(KEY);
  return stored ? sessionOf(stored) : undefined;
}

export function saveSession(session: Session): void {
  window.localStorage.setItem(KEY, session.token);
}

export function clearSession(): void {
  window.localStorage.removeItem(KEY);
  window.sessionStorage.removeItem(KEY);
}

interface Pending {
  state: string;
  verifier: string;
  returnTo: string;
}

/** Leaves for the hosted UI with a fresh PKCE verifier and `state`, remembering the page to come back to. */
export async function startHostedSignIn(ui: HostedUi): Promise<void> {
  const fill = (bytes: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(bytes);
  const pending: Pending = {
    state: randomToken(fill),
    verifier: randomToken(fill),
    returnTo: window.location.hash,
  };
  const challenge = await codeChallenge(pending.verifier, crypto.subtle);
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(authorizeUrl(ui, { state: pending.state, challenge }));
}

function takePending(): Pending | undefined {
  const raw = window.sessionStorage.getItem(PENDING_KEY);
  try {
    const pending = raw ? (JSON.parse(raw) as Partial<Pending>) : undefined;
    if (typeof pending?.state === 'string' && typeof pending.verifier === 'string') {
      return { state: pending.state, verifier: pending.verifier, returnTo: String(pending.returnTo ?? '') };
    }
  } catch {
    // a damaged entry: as if none
  }
  return undefined;
}

/**
 * Finishes a return from the hosted UI (`?code=&state=` or `?error=`): checks `state`, exchanges the
 * code for tokens, stores the ID token and cleans the address bar. Resolves to the problem to show,
 * or undefined (signed in, or not a return from the hosted UI).
 */
export async function completeHostedSignIn(
  ui: HostedUi,
): Promise<{ problem: SignInProblem; detail?: string } | undefined> {
  const pending = takePending();
  const callback = parseCallback(window.location.search, pending?.state);
  if (callback.kind === 'none') return undefined;
  window.sessionStorage.removeItem(PENDING_KEY);
  const clean = new URL(withoutCallbackParams(window.location.href));
  if (pending?.returnTo) clean.hash = pending.returnTo;
  window.history.replaceState(null, '', clean.toString());
  if (callback.kind === 'error') {
    return { problem: callback.problem, ...(callback.detail ? { detail: callback.detail } : {}) };
  }
  if (!pending) return { problem: 'state' };
  try {
    const { url, init } = tokenRequest(ui, callback.code, pending.verifier);
    const response = await fetch(url, init);
    const body: unknown = await response.json().catch(() => undefined);
    const session = sessionOf(parseTokenResponse(response.status, body).idToken);
    if (!session) return { problem: 'noRole' };
    window.sessionStorage.setItem(KEY, session.token);
    return undefined;
  } catch (error) {
    return { problem: 'exchange', detail: error instanceof Error ? error.message : String(error) };
  }
}
