import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate, isCalendarMonth } from './business-date.js';

/** class-validator rule for a business date `YYYY-MM-DD`; its message key is `isDateOnly`. */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isDateOnly', validator: { validate: isCalendarDate } }, options);
}

/** class-validator rule for a month `YYYY-MM`; its message key is `isMonth`. */
export function IsMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isMonth', validator: { validate: isCalendarMonth } }, options);
}
