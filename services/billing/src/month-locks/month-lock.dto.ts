import { IsMonth } from '../common/date.validator.js';

export class LockMonthDto {
  /** `YYYY-MM`. */
  @IsMonth()
  month!: string;
}
