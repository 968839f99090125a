import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
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

/**
 * Looks up a failed constraint's arguments (the 120 of `@MaxLength(120)`) in class-validator's
 * metadata, because the error itself carries only the rendered English message. They become
 * `constraint1`, `constraint2`, ... for the localized templates.
 */
function constraintParams(error: ValidationError, constraint: string): Record<string, unknown> {
  const target = error.target?.constructor;
  const metadata = target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .find((entry) => entry.propertyName === error.property && entry.name === constraint)
    : undefined;
  const params: Record<string, unknown> = {};
  (metadata?.constraints ?? []).forEach((value: unknown, index: number) => {
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
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new AppException('VALIDATION_FAILED', {}, toFieldErrors(errors)),
  });
}
