import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppException, type FieldError } from './app.exception.js';

/** Flattens nested class-validator errors into `a.b[0].c` style field paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map((constraint) => ({
      field,
      constraint,
      params: constraintParams(error, constraint),
    }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** class-validator keeps a constraint's arguments only inside its metadata; expose them by position. */
function constraintParams(error: ValidationError, constraint: string): Record<string, unknown> {
  const args = (error.contexts?.[constraint] as { args?: unknown[] } | undefined)?.args;
  const params: Record<string, unknown> = {};
  args?.forEach((value, index) => {
    params[`constraint${index + 1}`] = Array.isArray(value) ? value.join(', ') : value;
  });
  return params;
}

/**
 * The platform's validation: unknown fields and wrong types are rejected, nothing is coerced
 * silently, and failures become VALIDATION_FAILED with one entry per field and rule.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AppException('VALIDATION_FAILED', {}, toFieldErrors(errors)),
  });
}
