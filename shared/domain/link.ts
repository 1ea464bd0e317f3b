import { createHash, createHmac } from 'node:crypto';
import { CODE_LENGTH, LINK_PATH_PREFIX } from './link-url.ts';
import { DAY_MS } from './local-time.ts';

export { consoleUrl, LINK_PATH_PREFIX, linkUrl } from './link-url.ts';

/**
 * The personal one-tap link (`<base>/l/<code>`): a random code of 72 bits (9 bytes, 12 base64url
 * characters: short enough for a one-segment SMS), of which only the SHA-256 is stored. Whoever
 * holds the code acts as that one contact on the items of that one message, and nothing else.
 */
export const CODE_BYTES = 9;
export const CODE_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${CODE_LENGTH}}$`);
/** A link lives 30 days at most; it also ends when every item it names is closed. */
export const LINK_MAX_DAYS = 30;

/** How the link is stored and named by administrators: the hex SHA-256 of the code. */
export const linkId = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

/**
 * The code of the link that goes in one message: the first 72 bits of HMAC-SHA256(key, message
 * id). The same message always gets the same code, so a message resent after a crash carries the
 * link minted for it rather than a second one, and nothing needs to keep the code: without the
 * key (a secret outside the table), a message id gives no code.
 */
export const linkCode = (key: string, messageId: string): string =>
  createHmac('sha256', key)
    .update(`link:${messageId}`, 'utf8')
    .digest()
    .subarray(0, CODE_BYTES)
    .toString('base64url');

/** The text as kept in the reminder log: the code masked (same length, so the segment count still reads true). */
export const redactLinkCode = (text: string, code: string): string =>
  text.replaceAll(`${LINK_PATH_PREFIX}${code}`, `${LINK_PATH_PREFIX}${'*'.repeat(code.length)}`);

export const linkValidUntil = (createdAt: Date): Date =>
  new Date(createdAt.getTime() + LINK_MAX_DAYS * DAY_MS);

/** Why a link no longer opens: each gets its own plain Vietnamese page. */
export type LinkRefusal = 'unknown' | 'expired' | 'revoked' | 'closed';

export interface LinkState {
  validUntil: string;
  revokedAt?: string | undefined;
}

/** Whether a stored link still opens at `now` (closure of its items is checked by the caller). */
export function linkRefusal(link: LinkState | undefined, now: Date): LinkRefusal | undefined {
  if (!link) return 'unknown';
  if (link.revokedAt) return 'revoked';
  if (new Date(link.validUntil).getTime() <= now.getTime()) return 'expired';
  return undefined;
}
