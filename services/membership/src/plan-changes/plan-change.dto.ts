import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsDateOnly } from '../common/date.validator.js';

export class ChangePlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planId!: string;

  @ApiProperty({
    format: 'date',
    description: 'Start of the new term; today or earlier applies now, a later date is scheduled',
  })
  @IsDateOnly()
  startDate!: string;
}
