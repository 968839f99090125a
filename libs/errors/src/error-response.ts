import { getRequestContext } from '@gym/logging';
import type { FieldError } from './app.exception.js';
import { translateError, translateValidation, type Language } from './translator.js';

/** The one error body of the platform. */
export interface ErrorResponse {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; code: string; message: string }[];
  requestId: string | undefined;
  timestamp: string;
  path: string;
}

export function buildErrorResponse(input: {
  status: number;
  code: string;
  language: Language;
  path: string;
  params?: Record<string, unknown>;
  fieldErrors?: FieldError[];
}): ErrorResponse {
  const body: ErrorResponse = {
    statusCode: input.status,
    code: input.code,
    message: translateError(input.code, input.language, input.params),
    requestId: getRequestContext()?.requestId,
    timestamp: new Date().toISOString(),
    path: input.path,
  };

  if (input.fieldErrors?.length) {
    body.errors = input.fieldErrors.map((error) => ({
      field: error.field,
      code: error.constraint,
      message: translateValidation(error.constraint, input.language, {
        field: error.field,
        ...error.params,
      }),
    }));
  }
  return body;
}
