import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsDateOnly } from '../common/date.validator.js';
import { PaginationQuery } from '@gym/http';
import { Trim, TrimToNull } from '../common/trim.transform.js';
import { genders, memberStatuses, type Gender, type MemberStatus } from './member.entity.js';

export const memberSorts = ['name', '-createdAt', 'membershipEndDate'] as const;
export type MemberSort = (typeof memberSorts)[number];

/** Personal fields shared by create and update. */
class MemberPersonalFields {
  @ApiPropertyOptional({ maxLength: 254, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @IsDateOnly()
  birthDate?: string | null;

  @ApiPropertyOptional({ enum: genders, nullable: true })
  @IsOptional()
  @IsIn(genders)
  gender?: Gender | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string | null;
}

export class CreateMemberDto extends MemberPersonalFields {
  @ApiProperty({ minLength: 1, maxLength: 80 })
  @Trim()
  @IsString()
  @Length(1, 80)
  firstName!: string;

  @ApiProperty({ minLength: 1, maxLength: 80 })
  @Trim()
  @IsString()
  @Length(1, 80)
  lastName!: string;

  @ApiProperty({ example: '0532 123 45 67', description: 'Turkish numbers may omit +90' })
  @IsString()
  @Length(3, 32)
  phone!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  branchId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  planId!: string;

  @ApiProperty({ format: 'date', example: '2026-01-15' })
  @IsDateOnly()
  membershipStartDate!: string;
}

/**
 * Fields to change; null clears an optional field. The plan and the membership dates change
 * through plan changes and freezes, not here.
 */
export class UpdateMemberDto extends MemberPersonalFields {
  @ApiPropertyOptional({ minLength: 1, maxLength: 80 })
  @ValidateIf((_dto, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 80)
  firstName?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 80 })
  @ValidateIf((_dto, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 80)
  lastName?: string;

  @ApiPropertyOptional()
  @ValidateIf((_dto, value) => value !== undefined)
  @IsString()
  @Length(3, 32)
  phone?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsUUID()
  branchId?: string;
}

/** Filters of the member list, also used by the export. */
export class MemberFilterQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name or phone' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: memberStatuses })
  @IsOptional()
  @IsIn(memberStatuses)
  status?: MemberStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 365, description: 'End date within today + N days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  expiringWithinDays?: number;

  @ApiPropertyOptional({ enum: memberSorts, default: '-createdAt' })
  @IsOptional()
  @IsIn(memberSorts)
  sort: MemberSort = '-createdAt';
}

/** Page and filters of `GET /members`. */
export class ListMembersQuery extends IntersectionType(PaginationQuery, MemberFilterQuery) {}
