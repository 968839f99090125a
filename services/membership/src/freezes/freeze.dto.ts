import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateOnly } from '../common/date.validator.js';
import { TrimToNull } from '../common/trim.transform.js';

export class FreezeMemberDto {
  @ApiProperty({ format: 'date', description: 'First frozen day; today or later' })
  @IsDateOnly()
  startDate!: string;

  @ApiProperty({ format: 'date', description: 'Last frozen day' })
  @IsDateOnly()
  endDate!: string;

  @ApiPropertyOptional({ type: 'string', maxLength: 300, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string | null;
}
