import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger, created once per container. Powertools reads its own
 * `POWERTOOLS_SERVICE_NAME` / `POWERTOOLS_LOG_LEVEL` (validated by shared/config/env.ts at cold start).
 * Data goes in the attributes, never in the message; phones and emails only through the masks below.
 */
export const logger = new Logger();

/** `+84912345678` -> `+84******678`: country code and last three digits, enough to tell contacts apart. */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}

/** `a.nguyen@x.vn` -> `a***@x.vn`: first character of the mailbox and the whole domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

const PHONE_IN_TEXT = /\+?\d[\d ]{7,16}\d/g;
const EMAIL_IN_TEXT = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g;

/** Masks every phone number and email address inside free text (e.g. an AWS error message) before it is logged or stored. */
export function maskContacts(text: string): string {
  return text
    .replace(EMAIL_IN_TEXT, (email) => maskEmail(email))
    .replace(PHONE_IN_TEXT, (phone) => maskPhone(phone.replace(/ /g, '')));
}

/** An error as one log-safe line: its name and message, with any phone or email in it masked. */
export function describeError(error: unknown): string {
  return maskContacts(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
