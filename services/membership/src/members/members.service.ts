import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { isUniqueViolation } from '@gym/database';
import { assertPlanOffered } from '../plans/plan-lookup.js';
import { assertActiveBranch } from '../replicas/branch-check.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import type { CreateMemberDto, UpdateMemberDto } from './member.dto.js';
import { Member } from './member.entity.js';
import { lockCurrentMember, lockMember, MEMBER_PHONE_INDEX } from './member-lookup.js';
import { MemberReader } from './member-reader.js';
import { memberSearchText } from './member-search.js';
import { memberStatusOn } from './member-status.js';
import { membershipEndDate } from './membership-term.js';
import { normalizePhone } from './phone-number.js';
import { memberEventData, type MemberView } from './member.view.js';

/** Creates, edits and archives members. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TenantCalendar) private readonly calendar: TenantCalendar,
    @Inject(MemberReader) private readonly reader: MemberReader,
  ) {}

  async create(tenantId: string, fields: CreateMemberDto): Promise<MemberView> {
    const phone = requirePhone(fields.phone);
    return this.withPhoneCheck(phone, () =>
      this.dataSource.transaction(async (manager) => {
        const member = await this.insert(manager, tenantId, { ...fields, phone });
        return this.reader.findOne(tenantId, member.id, manager);
      }),
    );
  }

  /**
   * Inserts a member in the caller's transaction, after checking branch and plan, and enqueues
   * membership.member.created. The phone must already be in E.164. The import uses it too.
   */
  async insert(manager: EntityManager, tenantId: string, fields: CreateMemberDto): Promise<Member> {
    await assertActiveBranch(manager, tenantId, fields.branchId);
    const plan = await assertPlanOffered(manager, tenantId, fields.planId, fields.branchId);
    const today = await this.calendar.today(tenantId, manager);

    const member = manager.create(Member, {
      tenantId,
      branchId: fields.branchId,
      planId: plan.id,
      firstName: fields.firstName,
      lastName: fields.lastName,
      phone: fields.phone,
      email: fields.email ?? null,
      birthDate: fields.birthDate ?? null,
      gender: fields.gender ?? null,
      notes: fields.notes ?? null,
      membershipStartDate: fields.membershipStartDate,
      membershipEndDate: membershipEndDate(
        fields.membershipStartDate,
        plan.durationValue,
        plan.durationUnit,
      ),
      searchText: memberSearchText(fields.firstName, fields.lastName, fields.phone),
      photoKey: null,
      photoContentType: null,
      archivedAt: null,
    });
    member.status = memberStatusOn(member, today, false);
    const saved = await manager.save(member);
    await enqueueEvent(manager, {
      type: 'membership.member.created',
      tenantId,
      data: memberEventData(saved),
    });
    return saved;
  }

  async update(tenantId: string, memberId: string, changes: UpdateMemberDto): Promise<MemberView> {
    const phone = changes.phone === undefined ? undefined : requirePhone(changes.phone);
    return this.withPhoneCheck(phone ?? '', () =>
      this.dataSource.transaction(async (manager) => {
        const member = await lockCurrentMember(manager, tenantId, memberId);
        if (changes.branchId !== undefined && changes.branchId !== member.branchId) {
          await assertActiveBranch(manager, tenantId, changes.branchId);
          await assertPlanOffered(manager, tenantId, member.planId, changes.branchId);
        }

        const next = {
          firstName: changes.firstName ?? member.firstName,
          lastName: changes.lastName ?? member.lastName,
          phone: phone ?? member.phone,
          email: changes.email === undefined ? member.email : changes.email,
          birthDate: changes.birthDate === undefined ? member.birthDate : changes.birthDate,
          gender: changes.gender === undefined ? member.gender : changes.gender,
          notes: changes.notes === undefined ? member.notes : changes.notes,
          branchId: changes.branchId ?? member.branchId,
        };
        const changed = Object.entries(next).some(
          ([field, value]) => member[field as keyof typeof next] !== value,
        );
        if (changed) {
          Object.assign(member, next, {
            searchText: memberSearchText(next.firstName, next.lastName, next.phone),
          });
          const saved = await manager.save(member);
          await enqueueEvent(manager, {
            type: 'membership.member.updated',
            tenantId,
            data: memberEventData(saved),
          });
        }
        return this.reader.findOne(tenantId, memberId, manager);
      }),
    );
  }

  /** Archives the member; repeating it changes nothing. */
  async archive(tenantId: string, memberId: string): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      const member = await lockMember(manager, tenantId, memberId);
      if (!member.archivedAt) {
        const previousStatus = member.status;
        member.archivedAt = new Date();
        member.status = 'ARCHIVED';
        const saved = await manager.save(member);
        await enqueueEvent(manager, {
          type: 'membership.member.status-changed',
          tenantId,
          data: { ...memberEventData(saved), previousStatus, reason: 'ARCHIVED' },
        });
      }
      return this.reader.findOne(tenantId, memberId, manager);
    });
  }

  /** Maps a violation of the per-tenant phone index to 409 MEMBER_PHONE_TAKEN. */
  private async withPhoneCheck<T>(phone: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, MEMBER_PHONE_INDEX)) {
        throw new AppException('MEMBER_PHONE_TAKEN', { phone });
      }
      throw error;
    }
  }
}

/** Returns the phone in E.164 or raises a validation error on the `phone` field. */
export function requirePhone(input: string): string {
  const phone = normalizePhone(input);
  if (!phone) {
    throw new AppException('VALIDATION_FAILED', {}, [
      { field: 'phone', constraint: 'isPhoneNumber' },
    ]);
  }
  return phone;
}
