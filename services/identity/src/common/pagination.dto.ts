import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** `page` from 1 and `limit` 1–100 (default 20) of every list route. */
export class PaginationQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
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
