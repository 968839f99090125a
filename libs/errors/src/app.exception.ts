import { HttpException } from '@nestjs/common';
import { findError } from './error-codes.js';

/** One field-level problem of a 400 answer. `constraint` selects the localized message. */
export interface FieldError {
  field: string;
  constraint: string;
  params?: Record<string, unknown>;
}

/**
 * The exception every service raises for an expected failure: a stable code from the catalog,
 * parameters for its message, and optional field errors. The HTTP status comes from the catalog.
 */
export class AppException extends HttpException {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    const definition = findError(code);
    if (!definition) {
      throw new Error(`Unknown error code ${code}; register it with registerErrors first`);
    }
    super(code, definition.status);
  }
}
