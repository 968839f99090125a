import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * Highest page a list serves. It keeps the offset, (page - 1) × limit, within PostgreSQL's bigint
 * OFFSET and printed without an exponent (TypeORM writes 1e20 × 100 as `2e+21`).
 */
export const MAX_PAGE = 1_000_000;

/** `page` 1–1,000,000 and `limit` 1–100 (default 20) of every list route. */
export class PaginationQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number };
}

export function toPage<T>(data: T[], total: number, query: PaginationQuery): Page<T> {
  return { data, meta: { page: query.page, limit: query.limit, total } };
}
