import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MONEY_PATTERN } from '../common/money.js';
import { PaginationQuery } from '@gym/http';
import { QueryBoolean } from '@gym/http';
import { Trim, TrimToNull } from '../common/trim.transform.js';
import { durationUnits, planScopes, type DurationUnit, type PlanScope } from './plan.entity.js';

/** Maximum plan duration: ten years in days, or 120 months. */
export const MAX_DURATION_DAYS = 3650;
export const MAX_DURATION_MONTHS = 120;

export class CreatePlanDto {
  @ApiProperty({ minLength: 1, maxLength: 120, description: 'Unique within its scope; trimmed' })
  @Trim()
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ enum: planScopes })
  @IsIn(planScopes)
  scope!: PlanScope;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for BRANCH scope, absent for TENANT',
  })
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @ApiProperty({ minimum: 1, maximum: MAX_DURATION_DAYS })
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_DAYS)
  durationValue!: number;

  @ApiProperty({ enum: durationUnits })
  @IsIn(durationUnits)
  durationUnit!: DurationUnit;

  @ApiProperty({ example: '450.00', description: 'Decimal string, at most 2 decimals' })
  @IsString()
  @Matches(MONEY_PATTERN)
  price!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  sessionCount?: number | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

/** Fields to change; scope and branch are fixed at creation. Null clears sessionCount or description. */
export class UpdatePlanDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @ValidateIf((_dto, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DURATION_DAYS })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_DAYS)
  durationValue?: number;

  @ApiPropertyOptional({ enum: durationUnits })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(durationUnits)
  durationUnit?: DurationUnit;

  @ApiPropertyOptional({ example: '450.00' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsString()
  @Matches(MONEY_PATTERN)
  price?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  sessionCount?: number | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class ListPlansQuery extends PaginationQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Plans offered at this branch: its own and every TENANT plan',
  })
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false' })
  @QueryBoolean()
  @IsBoolean()
  includeArchived: boolean = false;
}
