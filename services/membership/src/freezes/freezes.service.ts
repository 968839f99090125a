import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { addDays, daysBetween } from '../common/business-date.js';
import type { Member } from '../members/member.entity.js';
import { lockCurrentMember } from '../members/member-lookup.js';
import { MemberReader } from '../members/member-reader.js';
import { memberStatusOn } from '../members/member-status.js';
import { memberEventData, type MemberView } from '../members/member.view.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import type { FreezeMemberDto } from './freeze.dto.js';
import { Freeze } from './freeze.entity.js';

/** Maximum length of one freeze in days. */
export const MAX_FREEZE_DAYS = 365;

/** Freezes and unfreezes memberships; each moves the end date by the frozen days. */
@Injectable()
export class FreezesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TenantCalendar) private readonly calendar: TenantCalendar,
    @Inject(MemberReader) private readonly reader: MemberReader,
  ) {}

  /**
   * Freezes the membership from `startDate` to `endDate`, both included, and moves its end date
   * by that many days. The member row lock serializes freezes of one member, so the open-freeze
   * and overlap checks cannot race.
   */
  async freeze(
    tenantId: string,
    memberId: string,
    fields: FreezeMemberDto,
    userId: string,
  ): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      const member = await lockCurrentMember(manager, tenantId, memberId);
      const today = await this.calendar.today(tenantId, manager);
      const days = daysBetween(fields.startDate, fields.endDate) + 1;
      assertFreezeDates(fields, days, today, member);
      await assertNoConflict(manager, member.id, fields, today);

      await manager.save(
        manager.create(Freeze, {
          tenantId,
          memberId,
          startDate: fields.startDate,
          plannedEndDate: fields.endDate,
          endDate: fields.endDate,
          unfrozenOn: null,
          days,
          reason: fields.reason ?? null,
          createdBy: userId,
        }),
      );
      member.membershipEndDate = addDays(member.membershipEndDate, days);
      await this.saveWithEvents(manager, member, today, 'membership.member.frozen', {
        startDate: fields.startDate,
        endDate: fields.endDate,
        days,
      });
      return this.reader.findOne(tenantId, memberId, manager);
    });
  }

  /**
   * Ends the open freeze today. Only the days before today stay frozen, so the end date moves
   * back by the planned days that were not used (all of them when the freeze had not started).
   */
  async unfreeze(tenantId: string, memberId: string): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      const member = await lockCurrentMember(manager, tenantId, memberId);
      const today = await this.calendar.today(tenantId, manager);
      const freeze = await findOpenFreeze(manager, member.id, today);
      if (!freeze) {
        throw new AppException('NO_OPEN_FREEZE');
      }

      const usedDays = Math.max(0, daysBetween(freeze.startDate, today));
      const unusedDays = freeze.days - usedDays;
      freeze.days = usedDays;
      freeze.endDate = addDays(freeze.startDate, usedDays - 1);
      freeze.unfrozenOn = today;
      await manager.save(freeze);

      member.membershipEndDate = addDays(member.membershipEndDate, -unusedDays);
      await this.saveWithEvents(manager, member, today, 'membership.member.unfrozen', {
        startDate: freeze.startDate,
        endDate: freeze.endDate,
        days: usedDays,
      });
      return this.reader.findOne(tenantId, memberId, manager);
    });
  }

  /** Saves the member with today's status and enqueues the freeze event and any status change. */
  private async saveWithEvents(
    manager: EntityManager,
    member: Member,
    today: string,
    type: string,
    freeze: { startDate: string; endDate: string; days: number },
  ): Promise<void> {
    const previousStatus = member.status;
    const frozenToday = (await findFreezeOn(manager, member.id, today)) !== undefined;
    member.status = memberStatusOn(member, today, frozenToday);
    const saved = await manager.save(member);

    await enqueueEvent(manager, {
      type,
      tenantId: member.tenantId,
      data: { ...memberEventData(saved), freeze },
    });
    if (saved.status !== previousStatus) {
      await enqueueEvent(manager, {
        type: 'membership.member.status-changed',
        tenantId: member.tenantId,
        data: { ...memberEventData(saved), previousStatus },
      });
    }
  }
}

function assertFreezeDates(fields: FreezeMemberDto, days: number, today: string, member: Member) {
  if (days < 1) {
    throw new AppException('FREEZE_DATES_INVALID');
  }
  if (days > MAX_FREEZE_DAYS) {
    throw new AppException('FREEZE_TOO_LONG', { maxDays: MAX_FREEZE_DAYS });
  }
  if (fields.startDate < today) {
    throw new AppException('FREEZE_START_IN_PAST', { today });
  }
  if (fields.startDate > member.membershipEndDate) {
    throw new AppException('FREEZE_PAST_END', { membershipEndDate: member.membershipEndDate });
  }
}

async function assertNoConflict(
  manager: EntityManager,
  memberId: string,
  fields: FreezeMemberDto,
  today: string,
): Promise<void> {
  const open = await findOpenFreeze(manager, memberId, today);
  if (open) {
    throw new AppException('FREEZE_ALREADY_OPEN', {
      startDate: open.startDate,
      endDate: open.endDate,
    });
  }
  const overlapping = await manager
    .getRepository(Freeze)
    .createQueryBuilder('freeze')
    .where('freeze.member_id = :memberId', { memberId })
    .andWhere('freeze.end_date >= freeze.start_date')
    .andWhere('freeze.start_date <= :endDate AND freeze.end_date >= :startDate', fields)
    .getOne();
  if (overlapping) {
    throw new AppException('FREEZE_OVERLAP', {
      startDate: overlapping.startDate,
      endDate: overlapping.endDate,
    });
  }
}

/** Finds the freeze not yet unfrozen whose last day is today or later, if any. */
export function findOpenFreeze(
  manager: EntityManager,
  memberId: string,
  today: string,
): Promise<Freeze | null> {
  return manager
    .getRepository(Freeze)
    .createQueryBuilder('freeze')
    .where('freeze.member_id = :memberId', { memberId })
    .andWhere('freeze.unfrozen_on IS NULL AND freeze.end_date >= :today', { today })
    .orderBy('freeze.start_date', 'ASC')
    .getOne();
}

/** Finds the freeze covering `date`, if any. */
export async function findFreezeOn(manager: EntityManager, memberId: string, date: string) {
  const freeze = await manager
    .getRepository(Freeze)
    .createQueryBuilder('freeze')
    .where('freeze.member_id = :memberId', { memberId })
    .andWhere('freeze.start_date <= :date AND freeze.end_date >= :date', { date })
    .getOne();
  return freeze ?? undefined;
}
