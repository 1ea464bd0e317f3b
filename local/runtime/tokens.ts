import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

/** Locally signed tokens: HS256 with a secret generated once per data folder (`<data>/secret.key`). */
export const ISSUER = 'dondoc-local';
export const AUDIENCE = 'dondoc';

export type Role = 'admin' | 'unit-head';

export interface TokenRequest {
  role: Role;
  /** Required for unit heads: the unit the head belongs to. */
  unitId?: string;
  sub?: string;
  name?: string;
  /** Lifetime, e.g. `30d` (default). */
  expiresIn?: string;
}

/** Reads the data folder's signing secret, creating it (mode 0600) on first use. */
export async function loadSecret(dataDir: string): Promise<Uint8Array> {
  const file = join(dataDir, 'secret.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  await writeFile(file, `${secret.toString('base64url')}\n`, { flag: 'wx', mode: 0o600 }).catch(
    async (error) => {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    },
  );
  await chmod(file, 0o600);
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
}

/** Signs a token carrying the claims Cognito would put in an ID token. */
export async function signToken(secret: Uint8Array, request: TokenRequest): Promise<string> {
  if (request.role === 'unit-head' && !request.unitId) throw new Error('a unit-head token needs a unit id');
  const sub = request.sub ?? (request.role === 'admin' ? 'local-admin' : `local-head-${request.unitId}`);
  const claims: Record<string, unknown> = { 'cognito:groups': [request.role] };
  if (request.unitId) claims['custom:unitId'] = request.unitId;
  if (request.name) claims.name = request.name;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '30d')
    .sign(secret);
}

/**
 * Verifies a token and returns its claims the way API Gateway's JWT authorizer hands them to
 * Lambda: every value a string, arrays written `[a b]`.
 */
export async function verifyToken(secret: Uint8Array, token: string): Promise<Record<string, string>> {
  const { payload } = await jwtVerify(token, secret, {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (Array.isArray(value)) claims[name] = `[${value.join(' ')}]`;
    else claims[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return claims;
}
