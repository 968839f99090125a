import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@gym/auth';
import { PaginationQuery, type Page } from '@gym/http';
import { RecordIdPipe } from '@gym/http';
import { FreezeMemberDto } from '../freezes/freeze.dto.js';
import { FreezesService } from '../freezes/freezes.service.js';
import { ChangePlanDto } from '../plan-changes/plan-change.dto.js';
import { PlanChangesService } from '../plan-changes/plan-changes.service.js';
import type { PlanChangeView } from '../plan-changes/plan-change.view.js';
import { MemberBranchGuard } from './member-branch.guard.js';
import type { MemberView } from './member.view.js';

/** Freezes and plan changes of one member. */
@ApiTags('members')
@ApiBearerAuth()
@UseGuards(MemberBranchGuard)
@Controller('members/:id')
export class MemberActionsController {
  constructor(
    private readonly freezes: FreezesService,
    private readonly planChanges: PlanChangesService,
  ) {}

  @Post('freeze')
  @HttpCode(200)
  freeze(
    @CurrentUser() principal: Principal,
    @Param('id', RecordIdPipe) memberId: string,
    @Body() body: FreezeMemberDto,
  ): Promise<MemberView> {
    return this.freezes.freeze(principal.tenantId, memberId, body, principal.userId);
  }

  @Post('unfreeze')
  @HttpCode(200)
  unfreeze(
    @CurrentUser() principal: Principal,
    @Param('id', RecordIdPipe) memberId: string,
  ): Promise<MemberView> {
    return this.freezes.unfreeze(principal.tenantId, memberId);
  }

  @Post('plan-change')
  changePlan(
    @CurrentUser() principal: Principal,
    @Param('id', RecordIdPipe) memberId: string,
    @Body() body: ChangePlanDto,
  ): Promise<PlanChangeView & { member: MemberView }> {
    return this.planChanges.change(principal.tenantId, memberId, body, principal.userId);
  }

  @Get('plan-changes')
  history(
    @CurrentUser() principal: Principal,
    @Param('id', RecordIdPipe) memberId: string,
    @Query() query: PaginationQuery,
  ): Promise<Page<PlanChangeView>> {
    return this.planChanges.history(principal.tenantId, memberId, query);
  }
}
