/**
 * The personal link's address, `<base>/l/<code>`, apart from the code's cryptography (link.ts), so
 * that the console's previews count the same text as the engine sends.
 */

/** Every path under it is public (no token: the code is the credential); API Gateway and the local server route it so. */
export const LINK_PATH_PREFIX = '/l/';
/** A code is 9 bytes in base64url: 12 characters. */
export const CODE_LENGTH = 12;

/** An address in the console: `base` (with or without a trailing slash) and `path`. */
export const consoleUrl = (base: string, path = '/'): string => `${base.replace(/\/+$/, '')}${path}`;

export const linkUrl = (base: string, code: string): string => consoleUrl(base, `${LINK_PATH_PREFIX}${code}`);

/** A link as long as a real one, for previews (the SMS counter, the policy timeline). */
export const sampleLinkUrl = (base: string): string => linkUrl(base, 'X'.repeat(CODE_LENGTH));
