import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateOnly } from '../common/date.validator.js';
import { PaginationQuery } from '@gym/http';
import { paymentMethods, type PaymentMethod } from './payment.entity.js';

/** Maximum length of an amount string before its format is checked; a valid amount has at most 11 characters. */
const MAX_AMOUNT_LENGTH = 20;

export class CreatePaymentDto {
  @IsUUID()
  memberId!: string;

  /** Decimal string such as "450.00"; its format and bounds are checked by the service. */
  @IsString()
  @MaxLength(MAX_AMOUNT_LENGTH)
  amount!: string;

  @IsIn(paymentMethods)
  method!: PaymentMethod;

  @IsDateOnly()
  paidOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CorrectPaymentDto {
  @IsString()
  @MaxLength(MAX_AMOUNT_LENGTH)
  amount!: string;

  @IsIn(paymentMethods)
  method!: PaymentMethod;

  @IsDateOnly()
  paidOn!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ListPaymentsQuery extends PaginationQuery {
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @IsOptional()
  @IsUUID()
  branchId?: string;

  @IsOptional()
  @IsIn(paymentMethods)
  method?: PaymentMethod;

  /** First business date included. */
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Last business date included. */
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @IsOptional()
  @IsIn(['RECORDED', 'CORRECTED'])
  status?: 'RECORDED' | 'CORRECTED';
}
