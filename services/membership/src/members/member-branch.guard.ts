import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { Principal } from '@gym/auth';
import { AppException } from '@gym/errors';
import { staffBranchLimit } from '@gym/auth';
import { Member } from './member.entity.js';

/**
 * Hides members of other branches from STAFF users limited to some branches: a route with a
 * member `:id` raises 404 NOT_FOUND for them, as for another tenant's member.
 */
@Injectable()
export class MemberBranchGuard implements CanActivate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user: Principal }>();
    const limit = staffBranchLimit(request.user);
    const memberId = request.params.id;
    if (!limit || typeof memberId !== 'string' || !isUUID(memberId)) {
      return true;
    }

    const member = await this.dataSource.getRepository(Member).findOne({
      select: { branchId: true },
      where: { id: memberId, tenantId: request.user.tenantId },
    });
    if (member && !limit.includes(member.branchId)) {
      throw new AppException('NOT_FOUND');
    }
    return true;
  }
}
