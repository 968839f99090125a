import { ApiProperty } from '@nestjs/swagger';
import { IsMonth } from '../common/date.validator.js';

export class LockMonthDto {
  /** `YYYY-MM`. */
  @ApiProperty({ example: '2026-01', pattern: '^\\d{4}-\\d{2}$' })
  @IsMonth()
  month!: string;
}
