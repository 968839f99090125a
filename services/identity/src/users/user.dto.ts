import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { roles, type Role } from '@gym/auth';
import { Trim } from '../tenants/trim.transform.js';

/** Upper bound of `branchIds`, far above the branch count of a gym. */
const MAX_BRANCHES_PER_USER = 100;

function normalizeEmail({ value }: { value: unknown }): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

/**
 * Lower-cases the ids of `branchIds`, as PostgreSQL prints UUIDs, so an upper-case id matches
 * its branch and counts as a duplicate of its lower-case form.
 */
function normalizeBranchIds({ value }: { value: unknown }): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => (typeof item === 'string' ? item.toLowerCase() : item));
}

export class CreateUserDto {
  @ApiProperty({
    maxLength: 254,
    example: 'staff@example.com',
    description: 'Unique across the platform',
  })
  @Transform(normalizeEmail)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Mehmet Kaya' })
  @Trim()
  @IsString()
  @Length(1, 120)
  fullName!: string;

  @ApiProperty({ enum: roles })
  @IsIn(roles)
  role!: Role;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_BRANCHES_PER_USER,
    description:
      'Non-archived branches of the tenant the user works in; empty or omitted means every branch',
  })
  @Transform(normalizeBranchIds)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BRANCHES_PER_USER)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  branchIds?: string[];
}

/** Fields to change; an omitted field stays and null is rejected. */
export class UpdateUserDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @ValidateIf((_dto, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 120)
  fullName?: string;

  @ApiPropertyOptional({ enum: roles })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(roles)
  role?: Role;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_BRANCHES_PER_USER })
  @Transform(normalizeBranchIds)
  @ValidateIf((_dto, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_BRANCHES_PER_USER)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  branchIds?: string[];
}
