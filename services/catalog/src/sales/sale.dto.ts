import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../common/date.validator.js';
import { PaginationQuery } from '@gym/http';
import { paymentMethods, type PaymentMethod } from './sale.entity.js';

export const MAX_SALE_ITEMS = 100;
export const MAX_ITEM_QUANTITY = 10_000;

export class SaleItemDto {
  @IsUUID()
  productId!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_ITEM_QUANTITY)
  quantity!: number;
}

export class CreateSaleDto {
  @IsUUID()
  branchId!: string;

  @IsOptional()
  @IsUUID()
  memberId?: string;

  /** 1–100 lines; lines of the same product are merged and their quantities summed. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SALE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SaleItemDto)
  items!: SaleItemDto[];

  @IsIn(paymentMethods)
  paymentMethod!: PaymentMethod;

  /** Business date in the tenant's timezone, on or before its today. */
  @IsDateOnly()
  soldOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ListSalesQuery extends PaginationQuery {
  /** First business date included. */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Last business date included. */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @IsOptional()
  @IsUUID()
  branchId?: string;

  @IsOptional()
  @IsUUID()
  memberId?: string;
}
