import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@gym/auth';
import { PaginationQuery, type Page } from '@gym/http';
import { RecordIdPipe } from '../tenants/record-id.pipe.js';
import { CreateUserDto, UpdateUserDto } from './user.dto.js';
import { UserStatusService } from './user-status.service.js';
import { toUserView, type UserView } from './user.view.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly status: UserStatusService,
  ) {}

  @Get()
  async list(
    @CurrentTenant() tenantId: string,
    @Query() query: PaginationQuery,
  ): Promise<Page<UserView>> {
    const page = await this.users.list(tenantId, query);
    return { data: page.data.map(toUserView), meta: page.meta };
  }

  @Post()
  async invite(@CurrentTenant() tenantId: string, @Body() body: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.invite(tenantId, body));
  }

  @Patch(':id')
  async update(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return toUserView(await this.users.update(tenantId, userId, body));
  }

  @Post(':id/disable')
  @HttpCode(200)
  async disable(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) userId: string,
  ): Promise<UserView> {
    return toUserView(await this.status.disable(tenantId, userId));
  }

  /** Queues a new invitation mail; 202 because the mail is sent after the response. */
  @Post(':id/resend-invitation')
  @HttpCode(202)
  async resendInvitation(
    @CurrentTenant() tenantId: string,
    @Param('id', RecordIdPipe) userId: string,
  ): Promise<void> {
    await this.status.resendInvitation(tenantId, userId);
  }
}
