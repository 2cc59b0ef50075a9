import { errorCatalogue, type ErrorCode } from '../contracts/errors';

/**
 * A coded error: thrown for broken invariants and refusals the caller must see.
 * Expected business outcomes (sold out, limit reached) are returned as values instead.
 * The HTTP edge maps `code` to the catalogue's status.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }
}
