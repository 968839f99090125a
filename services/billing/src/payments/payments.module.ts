import { Module } from '@nestjs/common';
import { PaymentReader } from './payment-reader.js';
import { PaymentsController } from './payments.controller.js';
import { PaymentsService } from './payments.service.js';

@Module({
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentReader],
})
export class PaymentsModule {}
