import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, CurrentUser, Roles, type Principal } from '@gym/auth';
import type { Page } from '@gym/http';
import { RecordIdPipe } from '../tenants/record-id.pipe.js';
import { BranchLifecycleService } from './branch-lifecycle.service.js';
import { CreateBranchDto, ListBranchesQuery, UpdateBranchDto } from './branch.dto.js';
import { toBranchView, type BranchView } from './branch.view.js';
import { BranchesService } from './branches.service.js';

@ApiTags('branches')
@ApiBearerAuth()
@Controller('branches')
export class BranchesController {
  constructor(
    private readonly branches: BranchesService,
    private readonly lifecycle: BranchLifecycleService,
  ) {}

  @Get()
  async list(
    @CurrentUser() principal: Principal,
    @Query() query: ListBranchesQuery,
  ): Promise<Page<BranchView>> {
    const limitedTo =
      principal.role === 'STAFF' && principal.branchIds.length > 0
        ? principal.branchIds
        : undefined;
    const page = await this.branches.list(principal.tenantId, query, limitedTo);
    return { data: page.data.map(toBranchView), meta: page.meta };
  }

  @Roles('ADMIN')
  @Post()
  async create(
    @CurrentTenant() tenantId: string,
    @Body() body: CreateBranchDto,
  ): Promise<BranchView> {
    return toBranchView(await this.branches.create(tenantId, body));
  }

  @Roles('ADMIN')
  @Patch(':id')
  async update(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) branchId: string,
    @Body() body: UpdateBranchDto,
  ): Promise<BranchView> {
    return toBranchView(await this.branches.update(tenantId, branchId, body));
  }

  @Roles('ADMIN')
  @Post(':id/archive')
  @HttpCode(200)
  async archive(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) branchId: string,
  ): Promise<BranchView> {
    return toBranchView(await this.lifecycle.archive(tenantId, branchId));
  }

  @Roles('ADMIN')
  @Post(':id/restore')
  @HttpCode(200)
  async restore(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) branchId: string,
  ): Promise<BranchView> {
    return toBranchView(await this.lifecycle.restore(tenantId, branchId));
  }

  @Roles('ADMIN')
  @Post(':id/set-default')
  @HttpCode(200)
  async setDefault(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) branchId: string,
  ): Promise<BranchView> {
    return toBranchView(await this.lifecycle.setDefault(tenantId, branchId));
  }
}
