/**
 * Sign-in state. Locally a token signed by the runtime (`npx dondoc token`), pasted or opened as a
 * `?token=` link (the token is then removed from the address bar); in AWS the same claims come from
 * a Cognito ID token. The claims are read only to shape the UI: the API authorizes every call.
 */
export interface Session {
  token: string;
  role: 'admin' | 'unit-head';
  unitId?: string;
  name?: string;
  sub: string;
}

const KEY = 'dondoc.token';

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
  };
}

export function loadSession(): Session | undefined {
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
}
