import { Global, Module } from '@nestjs/common';
import { ReplicaConsumer } from './replica-consumer.js';
import { TenantCalendar } from './tenant-calendar.js';

/** Tenant, branch and member replicas fed by events, and the tenant calendar built on them. */
@Global()
@Module({
  providers: [ReplicaConsumer, TenantCalendar],
  exports: [TenantCalendar],
})
export class ReplicasModule {}
