import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { MemberFilterQuery } from '../members/member.dto.js';
import type { ExportFormat } from './export.service.js';

export class ExportMembersQuery extends MemberFilterQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsIn(['csv', 'xlsx'])
  format: ExportFormat = 'csv';
}
