import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@gym/auth';
import { Idempotent } from '@gym/idempotency';
import { RecordIdPipe } from '@gym/http';
import { CorrectPaymentDto, CreatePaymentDto, ListPaymentsQuery } from './payment.dto.js';
import { PaymentReader } from './payment-reader.js';
import { PaymentsService } from './payments.service.js';

const idempotencyHeader = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'Unique per operation; a retry with the same key and body replays the first response',
};

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly reader: PaymentReader,
  ) {}

  @Post()
  @Idempotent()
  @ApiHeader(idempotencyHeader)
  record(@CurrentUser() principal: Principal, @Body() body: CreatePaymentDto) {
    return this.payments.record(principal, body);
  }

  @Get()
  list(@CurrentUser() principal: Principal, @Query() query: ListPaymentsQuery) {
    return this.reader.list(principal, query);
  }

  @Get(':id')
  get(@CurrentUser() principal: Principal, @Param('id', RecordIdPipe) id: string) {
    return this.reader.get(principal, id);
  }

  @Post(':id/corrections')
  @Idempotent()
  @ApiHeader(idempotencyHeader)
  correct(
    @CurrentUser() principal: Principal,
    @Param('id', RecordIdPipe) id: string,
    @Body() body: CorrectPaymentDto,
  ) {
    return this.payments.correct(principal, id, body);
  }
}
