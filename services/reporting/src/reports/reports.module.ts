import { Module } from '@nestjs/common';
import { TenantCalendar } from '../common/tenant-calendar.js';
import { ProductReportService } from './product-report.service.js';
import { ReportsController } from './reports.controller.js';
import { RevenueReportService } from './revenue-report.service.js';

@Module({
  controllers: [ReportsController],
  providers: [RevenueReportService, ProductReportService, TenantCalendar],
})
export class ReportsModule {}
