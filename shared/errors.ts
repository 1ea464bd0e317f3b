/** One issue of a rejected input: where (`path`, dotted) and which rule it broke. */
export interface FieldIssue {
  path: string;
  rule: string;
}

/** Base of every error the product raises on purpose; anything else is a bug (a logged 500). */
export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller's input breaks a rule (400). */
export class ValidationError extends AppError {
  readonly status = 400;
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
}

export class ForbiddenError extends AppError {
  readonly status = 403;
}

export class NotFoundError extends AppError {
  readonly status = 404;
}

/** An id that already exists, or a stale version (optimistic locking) (409). */
export class ConflictError extends AppError {
  readonly status = 409;
}

/**
 * A 409 the caller cannot fix by reloading: the item is still used by others (`in-use`, e.g. a
 * policy some tasks name) or units have already reported on it (`has-reports`); `issues` say what.
 */
export class BlockedError extends ConflictError {
  constructor(
    message: string,
    readonly code: 'in-use' | 'has-reports',
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
}

/** Existed, but no more (410): an expired or revoked link. */
export class GoneError extends AppError {
  readonly status = 410;
}

/** Too many requests from one caller (429); `retryAfterSeconds` goes out as `Retry-After`. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
