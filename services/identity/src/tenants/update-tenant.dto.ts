import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsTimeZone } from './time-zone.js';
import { Trim } from './trim.transform.js';

export const tenantLocales = ['tr', 'en'] as const;

/** Settings an ADMIN may change; every field is optional and null is rejected. */
export class UpdateTenantDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120, description: 'Gym name, trimmed' })
  @ValidateIf((_dto, value) => value !== undefined)
  @Trim()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'Europe/Istanbul', description: 'IANA time zone' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsString()
  @MaxLength(64)
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ enum: tenantLocales })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsIn(tenantLocales)
  locale?: (typeof tenantLocales)[number];
}
