import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsDateOnly, IsMonth } from './date.validator.js';

/** `branchId?` of every report; STAFF limits apply (see branchScope). */
export class BranchQuery {
  @IsOptional()
  @IsUUID()
  branchId?: string;
}

/** `months` 1–24 (default 12): how many months, the current one included, a series covers. */
export class MonthsQuery extends BranchQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  months: number = 12;
}

export class RevenueReportQuery extends BranchQuery {
  @IsMonth()
  month!: string;
}

/** `from` and `to` (business dates, both included), `page` and `limit` of the products report. */
export class ProductReportQuery extends BranchQuery {
  @IsDateOnly()
  from!: string;

  @IsDateOnly()
  to!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}
