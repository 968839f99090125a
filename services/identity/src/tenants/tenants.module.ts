import { Module } from '@nestjs/common';
import { SubscriptionStatusConsumer } from './subscription-status.consumer.js';
import { TenantsController } from './tenants.controller.js';
import { TenantsService } from './tenants.service.js';

@Module({
  controllers: [TenantsController],
  providers: [TenantsService, SubscriptionStatusConsumer],
  exports: [TenantsService],
})
export class TenantsModule {}
