import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PaginationQuery } from '@gym/http';
import { Trim, TrimToNull } from '../tenants/trim.transform.js';

/** Digits with an optional leading `+`, and spaces, dashes, dots or brackets between them. */
const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]*$/;

/** Maps the query strings `true` and `false` to booleans; anything else stays for IsBoolean to reject. */
function parseBooleanText(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export class CreateBranchDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 120,
    description: 'Unique within the tenant, ignoring case; trimmed',
  })
  @Trim()
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ maxLength: 32, nullable: true, example: '+90 212 555 12 34' })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(PHONE_PATTERN)
  phone?: string | null;
}

/** Fields to change; an omitted field stays, and null or an empty string clears address or phone. */
export class UpdateBranchDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @ValidateIf((_dto, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ maxLength: 32, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(PHONE_PATTERN)
  phone?: string | null;
}

export class ListBranchesQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false' })
  @Transform(({ value }: { value: unknown }) => parseBooleanText(value))
  @IsBoolean()
  includeArchived: boolean = false;
}
