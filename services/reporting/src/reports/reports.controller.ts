import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@gym/auth';
import { branchScope } from '../common/branch-scope.js';
import { MonthsQuery, ProductReportQuery, RevenueReportQuery } from '../common/report-query.dto.js';
import { ProductReportService } from './product-report.service.js';
import { RevenueReportService } from './revenue-report.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly revenue: RevenueReportService,
    private readonly productReport: ProductReportService,
  ) {}

  @Get('revenue')
  revenueOfMonth(@CurrentUser() principal: Principal, @Query() query: RevenueReportQuery) {
    const branches = branchScope(principal, query.branchId);
    return this.revenue.month(principal.tenantId, branches, query.month);
  }

  @Get('revenue-trend')
  revenueTrend(@CurrentUser() principal: Principal, @Query() query: MonthsQuery) {
    const branches = branchScope(principal, query.branchId);
    return this.revenue.trend(principal.tenantId, branches, query.months);
  }

  @Get('products')
  products(@CurrentUser() principal: Principal, @Query() query: ProductReportQuery) {
    const branches = branchScope(principal, query.branchId);
    return this.productReport.products(principal.tenantId, branches, query);
  }
}
