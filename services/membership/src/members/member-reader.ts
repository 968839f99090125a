import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AppException } from '@gym/errors';
import { addDays } from '../common/business-date.js';
import { toPage, type Page } from '@gym/http';
import { MEMBERSHIP_SCHEMA } from '../database/schema.js';
import { Plan } from '../plans/plan.entity.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import type { ListMembersQuery, MemberFilterQuery } from './member.dto.js';
import { Member } from './member.entity.js';
import { searchPatterns } from './member-search.js';
import { memberStatusOn, statusConditionSql } from './member-status.js';
import { toMemberView, type MemberView } from './member.view.js';

const TURKISH_COLLATION = 'tr-x-icu';

/** Reads members with their plan, status and remaining days for the tenant's today. */
@Injectable()
export class MemberReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: TenantCalendar,
  ) {}

  async findOne(tenantId: string, memberId: string, manager?: EntityManager): Promise<MemberView> {
    const member = await (manager ?? this.dataSource.manager)
      .getRepository(Member)
      .findOneBy({ id: memberId, tenantId });
    if (!member) {
      throw new AppException('NOT_FOUND');
    }
    const [view] = await this.toViews(
      [member],
      await this.calendar.today(tenantId, manager),
      manager,
    );
    return view!;
  }

  /** Returns one page of members; `limitedTo` keeps only those branches (STAFF limits). */
  async list(
    tenantId: string,
    query: ListMembersQuery,
    limitedTo?: string[],
  ): Promise<Page<MemberView>> {
    const today = await this.calendar.today(tenantId);
    const builder = this.filtered(tenantId, query, today);
    if (limitedTo) {
      builder.andWhere('member.branch_id IN (:...limitedTo)', { limitedTo });
    }
    const total = await builder.getCount();
    const members = await builder
      .offset((query.page - 1) * query.limit)
      .limit(query.limit)
      .getMany();
    return toPage(await this.toViews(members, today), total, query);
  }

  /**
   * Builds the filtered, sorted member query of the list and the export. Search matches the
   * folded `search_text` by substring, which the trigram index serves.
   */
  filtered(
    tenantId: string,
    filters: MemberFilterQuery,
    today: string,
  ): SelectQueryBuilder<Member> {
    const builder = this.dataSource
      .getRepository(Member)
      .createQueryBuilder('member')
      .where('member.tenant_id = :tenantId', { tenantId })
      .setParameter('today', today);

    if (filters.search) {
      const patterns = searchPatterns(filters.search);
      builder.andWhere(
        new Brackets((where) => {
          patterns.forEach((pattern, index) =>
            where.orWhere(`member.search_text LIKE :pattern${index}`, {
              [`pattern${index}`]: pattern,
            }),
          );
        }),
      );
    }
    if (filters.status) {
      builder.andWhere(statusConditionSql('member', filters.status, 'CAST(:today AS date)'));
    }
    if (filters.branchId) {
      builder.andWhere('member.branch_id = :branchId', { branchId: filters.branchId });
    }
    if (filters.planId) {
      builder.andWhere('member.plan_id = :planId', { planId: filters.planId });
    }
    if (filters.expiringWithinDays !== undefined) {
      builder
        .andWhere('member.archived_at IS NULL')
        .andWhere(
          'member.membership_end_date BETWEEN CAST(:today AS date) AND CAST(:until AS date)',
          {
            until: addDays(today, filters.expiringWithinDays),
          },
        );
    }
    return this.sorted(builder, filters);
  }

  /** Adds plans, today's freezes and computed fields to loaded members, keeping their order. */
  async toViews(members: Member[], today: string, manager?: EntityManager): Promise<MemberView[]> {
    if (members.length === 0) return [];
    const runner = manager ?? this.dataSource.manager;
    const memberIds = members.map((member) => member.id);
    const plans = await runner
      .getRepository(Plan)
      .findBy({ id: In([...new Set(members.map((member) => member.planId))]) });
    const frozenRows: { member_id: string }[] = await runner.query(
      `SELECT DISTINCT member_id FROM ${MEMBERSHIP_SCHEMA}.freezes
        WHERE member_id = ANY($1) AND start_date <= $2 AND end_date >= $2`,
      [memberIds, today],
    );

    const planById = new Map(plans.map((plan) => [plan.id, plan]));
    const frozen = new Set(frozenRows.map((row) => row.member_id));
    return members.map((member) =>
      toMemberView(
        member,
        planById.get(member.planId)!,
        memberStatusOn(member, today, frozen.has(member.id)),
        today,
      ),
    );
  }

  /**
   * Orders the list. While searching, each sort key is wrapped in a no-op expression that no
   * index provides. PostgreSQL estimates a `LIKE '%term%'` match far too high, so with an
   * indexable order and LIMIT it would walk the tenant's whole sort index and filter. Without
   * one it takes the matches from the trigram index and sorts them.
   */
  private sorted(
    builder: SelectQueryBuilder<Member>,
    filters: MemberFilterQuery,
  ): SelectQueryBuilder<Member> {
    const unindexed = (column: string, noOp: string) =>
      filters.search ? `(${column}${noOp})` : column;
    switch (filters.sort) {
      case 'name':
        return builder
          .orderBy(
            `${unindexed('member.first_name', " || ''")} COLLATE "${TURKISH_COLLATION}"`,
            'ASC',
          )
          .addOrderBy(
            `${unindexed('member.last_name', " || ''")} COLLATE "${TURKISH_COLLATION}"`,
            'ASC',
          )
          .addOrderBy('member.id', 'ASC');
      case 'membershipEndDate':
        return builder
          .orderBy(unindexed('member.membership_end_date', ' + 0'), 'ASC')
          .addOrderBy('member.id', 'ASC');
      default:
        return builder
          .orderBy(unindexed('member.created_at', " + interval '0 seconds'"), 'DESC')
          .addOrderBy('member.id', 'ASC');
    }
  }
}
