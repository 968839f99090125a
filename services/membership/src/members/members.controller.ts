import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, CurrentUser, Roles, type Principal } from '@gym/auth';
import { assertBranchAllowed, staffBranchLimit } from '@gym/auth';
import type { Page } from '@gym/http';
import { RecordIdPipe } from '@gym/http';
import { CreateMemberDto, ListMembersQuery, UpdateMemberDto } from './member.dto.js';
import { MemberBranchGuard } from './member-branch.guard.js';
import { MemberReader } from './member-reader.js';
import type { MemberView } from './member.view.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth()
@UseGuards(MemberBranchGuard)
@Controller('members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly reader: MemberReader,
  ) {}

  @Get()
  list(
    @CurrentUser() principal: Principal,
    @Query() query: ListMembersQuery,
  ): Promise<Page<MemberView>> {
    return this.reader.list(principal.tenantId, query, staffBranchLimit(principal));
  }

  @Post()
  create(@CurrentUser() principal: Principal, @Body() body: CreateMemberDto): Promise<MemberView> {
    assertBranchAllowed(principal, body.branchId);
    return this.members.create(principal.tenantId, body);
  }

  @Get(':id')
  findOne(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) memberId: string,
  ): Promise<MemberView> {
    return this.reader.findOne(tenantId, memberId);
  }

  @Patch(':id')
  update(
    @CurrentUser() principal: Principal,
    @Param('id', RecordIdPipe) memberId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberView> {
    assertBranchAllowed(principal, body.branchId);
    return this.members.update(principal.tenantId, memberId, body);
  }

  @Roles('ADMIN')
  @Post(':id/archive')
  @HttpCode(200)
  archive(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) memberId: string,
  ): Promise<MemberView> {
    return this.members.archive(tenantId, memberId);
  }
}
