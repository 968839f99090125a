import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PaginationQuery } from '@gym/http';
import { QueryBoolean } from '@gym/http';
import { Trim } from '../common/trim.transform.js';

/** Maximum length of a price string before its format is checked; a valid price has at most 11 characters. */
const MAX_PRICE_LENGTH = 20;
/** Largest stock count; it keeps the column and a sale's restore within PostgreSQL's integer. */
export const MAX_STOCK_QUANTITY = 1_000_000_000;

export class CreateProductDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku?: string | null;

  /** Decimal string such as "19.99"; its format and bounds are checked by the service. */
  @IsString()
  @MaxLength(MAX_PRICE_LENGTH)
  price!: string;

  /** Absent or null: the stock of the product is not tracked. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK_QUANTITY)
  stockQuantity?: number | null;

  /** Absent or null: every branch sells the product. */
  @IsOptional()
  @IsUUID()
  branchId?: string | null;
}

/** Fields to change; `sku`, `stockQuantity` and `branchId` accept null to clear them. */
export class UpdateProductDto {
  @ValidateIf((_object, value) => value !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku?: string | null;

  @ValidateIf((_object, value) => value !== undefined)
  @IsString()
  @MaxLength(MAX_PRICE_LENGTH)
  price?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK_QUANTITY)
  stockQuantity?: number | null;

  @IsOptional()
  @IsUUID()
  branchId?: string | null;
}

export class ListProductsQuery extends PaginationQuery {
  /** Part of the name or SKU, matched after Turkish case folding. */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  search?: string;

  /** Products of this branch and those of every branch. */
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}
