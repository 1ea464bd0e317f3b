import { AppError } from '../errors.ts';

/** A known path asked with a method it does not have (405, with the `Allow` header). */
export class MethodNotAllowedError extends AppError {
  readonly status = 405;
  constructor(
    message: string,
    readonly allow: string[],
  ) {
    super(message);
  }
}
