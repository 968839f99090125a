import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentTenant } from '@gym/auth';
import { AppException } from '@gym/errors';
import { Subscription } from './subscription.entity.js';

@ApiTags('subscription')
@ApiBearerAuth()
@Controller('subscription')
export class SubscriptionController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns the caller's tenant subscription to the platform. */
  @Get()
  async get(@CurrentTenant() tenantId: string) {
    const subscription = await this.dataSource.getRepository(Subscription).findOneBy({ tenantId });
    if (!subscription) throw new AppException('SUBSCRIPTION_NOT_FOUND');
    return {
      status: subscription.status,
      plan: subscription.plan,
      trialEndsAt: subscription.trialEndsAt,
      statusChangedAt: subscription.statusChangedAt,
    };
  }
}
