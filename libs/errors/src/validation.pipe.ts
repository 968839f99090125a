import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppException, type FieldError } from './app.exception.js';
import { findUnsafeInput } from './unsafe-input.js';

/**
 * Flattens nested class-validator errors into `a.b.0.c` style field paths. A missing field gets
 * one `isDefined` entry instead of one per rule it would have to pass.
 */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.keys(error.constraints ?? {});
    const missing =
      error.value === undefined &&
      constraints.length > 0 &&
      constraints[0] !== 'whitelistValidation';
    const own = missing
      ? [{ field, constraint: 'isDefined', params: {} }]
      : constraints.map((constraint) => ({
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
 * Rejects a body or query that is nested too deep or carries NUL or unpaired surrogates before
 * class-transformer and class-validator see it, since they would crash on it or pass it on to
 * PostgreSQL, which rejects it.
 */
class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = findUnsafeInput(value, metadata.type);
      if (unsafe) {
        throw new AppException('VALIDATION_FAILED', {}, [unsafe]);
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * Creates the platform's validation pipe. Unknown fields and wrong types are rejected, nothing is
 * coerced silently, and failures become VALIDATION_FAILED with one entry per field and rule.
 */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new AppException('VALIDATION_FAILED', {}, toFieldErrors(errors)),
  });
}
