import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppException } from '@gym/errors';
import { isCalendarMonth } from '../common/business-date.js';

/** Parses the `:month` of a route as `YYYY-MM`; anything else raises 400 VALIDATION_FAILED. */
@Injectable()
export class MonthParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isCalendarMonth(value)) {
      throw new AppException('VALIDATION_FAILED', {}, [{ field: 'month', constraint: 'isMonth' }]);
    }
    return value;
  }
}
