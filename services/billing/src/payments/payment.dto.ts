import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateOnly } from '../common/date.validator.js';
import { PaginationQuery } from '@gym/http';
import { paymentMethods, type PaymentMethod } from './payment.entity.js';

/** Maximum length of an amount string before its format is checked; a valid amount has at most 11 characters. */
const MAX_AMOUNT_LENGTH = 20;

export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  memberId!: string;

  /** Decimal string such as "450.00"; its format and bounds are checked by the service. */
  @ApiProperty({
    example: '450.00',
    maxLength: MAX_AMOUNT_LENGTH,
    description: 'Decimal string, more than 0',
  })
  @IsString()
  @MaxLength(MAX_AMOUNT_LENGTH)
  amount!: string;

  @ApiProperty({ enum: paymentMethods })
  @IsIn(paymentMethods)
  method!: PaymentMethod;

  @ApiProperty({
    format: 'date',
    description: 'Business date in the tenant time zone, not after today',
  })
  @IsDateOnly()
  paidOn!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CorrectPaymentDto {
  @ApiProperty({
    example: '450.00',
    maxLength: MAX_AMOUNT_LENGTH,
    description: 'Decimal string, more than 0',
  })
  @IsString()
  @MaxLength(MAX_AMOUNT_LENGTH)
  amount!: string;

  @ApiProperty({ enum: paymentMethods })
  @IsIn(paymentMethods)
  method!: PaymentMethod;

  @ApiProperty({
    format: 'date',
    description: 'Business date in the tenant time zone, not after today',
  })
  @IsDateOnly()
  paidOn!: string;

  @ApiProperty({ minLength: 1, maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ListPaymentsQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @ApiPropertyOptional({ enum: paymentMethods })
  @IsOptional()
  @IsIn(paymentMethods)
  method?: PaymentMethod;

  /** First business date included. */
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  /** Last business date included. */
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({ enum: ['RECORDED', 'CORRECTED'] })
  @IsOptional()
  @IsIn(['RECORDED', 'CORRECTED'])
  status?: 'RECORDED' | 'CORRECTED';
}
