import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@gym/auth';
import type { Page } from '@gym/http';
import { RecordIdPipe } from '@gym/http';
import { CreatePlanDto, ListPlansQuery, UpdatePlanDto } from './plan.dto.js';
import { toPlanView, type PlanView } from './plan.view.js';
import { PlansService } from './plans.service.js';

@ApiTags('membership-plans')
@ApiBearerAuth()
@Controller('membership-plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  async list(
    @CurrentTenant() tenantId: string,
    @Query() query: ListPlansQuery,
  ): Promise<Page<PlanView>> {
    const page = await this.plans.list(tenantId, query);
    return { data: page.data.map(toPlanView), meta: page.meta };
  }

  @Roles('ADMIN')
  @Post()
  async create(@CurrentTenant() tenantId: string, @Body() body: CreatePlanDto): Promise<PlanView> {
    return toPlanView(await this.plans.create(tenantId, body));
  }

  @Roles('ADMIN')
  @Patch(':id')
  async update(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) planId: string,
    @Body() body: UpdatePlanDto,
  ): Promise<PlanView> {
    return toPlanView(await this.plans.update(tenantId, planId, body));
  }

  @Roles('ADMIN')
  @Post(':id/archive')
  @HttpCode(200)
  async archive(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) planId: string,
  ): Promise<PlanView> {
    return toPlanView(await this.plans.archive(tenantId, planId));
  }
}
