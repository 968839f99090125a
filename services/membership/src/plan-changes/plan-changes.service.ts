import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { toPage, type Page, type PaginationQuery } from '@gym/http';
import { isUniqueViolation } from '@gym/database';
import { findOpenFreeze } from '../freezes/freezes.service.js';
import { Member } from '../members/member.entity.js';
import { lockCurrentMember } from '../members/member-lookup.js';
import { MemberReader } from '../members/member-reader.js';
import type { MemberView } from '../members/member.view.js';
import { assertPlanOffered } from '../plans/plan-lookup.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import { applyPlanChange } from './apply-plan-change.js';
import type { ChangePlanDto } from './plan-change.dto.js';
import { PlanChange } from './plan-change.entity.js';
import { toPlanChangeView, type PlanChangeView } from './plan-change.view.js';

/** Name of the unique index that allows one scheduled change per member. */
const ONE_SCHEDULED_INDEX = 'plan_changes_one_scheduled_key';

/** Changes a member's plan now or on a later date, and lists the history of changes. */
@Injectable()
export class PlanChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TenantCalendar) private readonly calendar: TenantCalendar,
    @Inject(MemberReader) private readonly reader: MemberReader,
  ) {}

  /**
   * Records the change as a history row. A start date of today or earlier applies it in the
   * same transaction. A later date schedules it for the daily job, and a member may have only
   * one scheduled change.
   */
  async change(
    tenantId: string,
    memberId: string,
    fields: ChangePlanDto,
    userId: string,
  ): Promise<PlanChangeView & { member: MemberView }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const member = await lockCurrentMember(manager, tenantId, memberId);
        const plan = await assertPlanOffered(manager, tenantId, fields.planId, member.branchId);
        const today = await this.calendar.today(tenantId, manager);
        const appliesNow = fields.startDate <= today;
        if (appliesNow && (await findOpenFreeze(manager, member.id, today))) {
          throw new AppException('MEMBER_FROZEN');
        }
        const pending = await manager
          .getRepository(PlanChange)
          .findOneBy({ memberId, status: 'SCHEDULED' });
        if (pending) {
          throw new AppException('PLAN_CHANGE_PENDING', { startDate: pending.startDate });
        }

        const change = await manager.save(
          manager.create(PlanChange, {
            tenantId,
            memberId,
            fromPlanId: member.planId,
            toPlanId: plan.id,
            startDate: fields.startDate,
            status: 'SCHEDULED',
            previousStartDate: member.membershipStartDate,
            previousEndDate: member.membershipEndDate,
            newEndDate: null,
            requestedBy: userId,
            appliedAt: null,
          }),
        );
        if (appliesNow) {
          await applyPlanChange(manager, member, change, plan, today);
        }
        const view = await this.reader.findOne(tenantId, memberId, manager);
        return { ...toPlanChangeView(change), member: view };
      });
    } catch (error) {
      if (isUniqueViolation(error, ONE_SCHEDULED_INDEX)) {
        throw new AppException('PLAN_CHANGE_PENDING', { startDate: fields.startDate });
      }
      throw error;
    }
  }

  /** One page of a member's plan changes, newest first. */
  async history(
    tenantId: string,
    memberId: string,
    query: PaginationQuery,
  ): Promise<Page<PlanChangeView>> {
    const exists = await this.dataSource.getRepository(Member).existsBy({ id: memberId, tenantId });
    if (!exists) {
      throw new AppException('NOT_FOUND');
    }
    const [changes, total] = await this.dataSource.getRepository(PlanChange).findAndCount({
      where: { memberId, tenantId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return toPage(changes.map(toPlanChangeView), total, query);
  }
}
