import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isAcceptablePassword } from './password-policy.js';

/** class-validator rule for the password policy; its message key is `isStrongPassword`. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStrongPassword',
      validator: { validate: (value) => typeof value === 'string' && isAcceptablePassword(value) },
    },
    options,
  );
}
