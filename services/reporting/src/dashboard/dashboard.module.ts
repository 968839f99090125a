import { Module } from '@nestjs/common';
import { TenantCalendar } from '../common/tenant-calendar.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

@Module({
  controllers: [DashboardController],
  providers: [DashboardService, TenantCalendar],
})
export class DashboardModule {}
