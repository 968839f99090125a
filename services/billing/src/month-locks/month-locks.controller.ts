import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, CurrentUser, Roles, type Principal } from '@gym/auth';
import { Idempotent } from '@gym/idempotency';
import { PaginationQuery } from '@gym/http';
import { LockMonthDto } from './month-lock.dto.js';
import { MonthLocksService } from './month-locks.service.js';
import { MonthParamPipe } from './month-param.pipe.js';

@ApiTags('revenue-month-locks')
@ApiBearerAuth()
@Controller('revenue-month-locks')
export class MonthLocksController {
  constructor(private readonly locks: MonthLocksService) {}

  @Get()
  list(@CurrentTenant() tenantId: string, @Query() query: PaginationQuery) {
    return this.locks.list(tenantId, query);
  }

  @Post()
  @Roles('ADMIN')
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  lock(@CurrentUser() principal: Principal, @Body() body: LockMonthDto) {
    return this.locks.lock(principal, body.month);
  }

  @Delete(':month')
  @Roles('ADMIN')
  @HttpCode(204)
  async unlock(@CurrentUser() principal: Principal, @Param('month', MonthParamPipe) month: string) {
    await this.locks.unlock(principal, month);
  }
}
