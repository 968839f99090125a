import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@gym/auth';
import { branchScope } from '../common/branch-scope.js';
import { BranchQuery, MonthsQuery } from '../common/report-query.dto.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  summary(@CurrentUser() principal: Principal, @Query() query: BranchQuery) {
    return this.dashboard.summary(principal.tenantId, branchScope(principal, query.branchId));
  }

  @Get('monthly-members')
  monthlyMembers(@CurrentUser() principal: Principal, @Query() query: MonthsQuery) {
    return this.dashboard.monthlyMembers(
      principal.tenantId,
      branchScope(principal, query.branchId),
      query.months,
    );
  }
}
