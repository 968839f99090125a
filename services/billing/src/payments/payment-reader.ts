import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { assertBranchAllowed, staffBranchLimit, type Principal } from '@gym/auth';
import { AppException } from '@gym/errors';
import type { Page } from '@gym/http';
import type { ListPaymentsQuery } from './payment.dto.js';
import { Payment } from './payment.entity.js';
import { toPaymentView, type PaymentView } from './payment.view.js';

/** A page of payments with the sum of the RECORDED payments that match the filters. */
export interface PaymentPage extends Page<PaymentView> {
  meta: Page<PaymentView>['meta'] & { totalAmount: string };
}

/**
 * Reads payments of one tenant; another tenant's payment is not found. A STAFF user limited to
 * branches reads only those branches' payments; another branch's payment is not found either.
 */
@Injectable()
export class PaymentReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(principal: Principal, paymentId: string): Promise<PaymentView> {
    const payment = await this.dataSource
      .getRepository(Payment)
      .findOneBy({ id: paymentId, tenantId: principal.tenantId });
    const limit = staffBranchLimit(principal);
    if (!payment || (limit && !limit.includes(payment.branchId))) {
      throw new AppException('NOT_FOUND');
    }
    return toPaymentView(payment);
  }

  /**
   * Lists payments newest business date first. `totalAmount` is summed by PostgreSQL in numeric,
   * over every matching page, and counts a corrected payment once, at its corrected value.
   */
  async list(principal: Principal, query: ListPaymentsQuery): Promise<PaymentPage> {
    if (query.from && query.to && query.from > query.to) {
      throw new AppException('INVALID_DATE_RANGE', { from: query.from, to: query.to });
    }
    assertBranchAllowed(principal, query.branchId);
    const filtered = this.filter(principal, query);

    const totals = await filtered
      .clone()
      .select('count(*)::int', 'count')
      .addSelect(
        "coalesce(sum(payment.amount) FILTER (WHERE payment.status = 'RECORDED'), 0)::numeric(14,2)::text",
        'totalAmount',
      )
      .getRawOne<{ count: number; totalAmount: string }>();
    const payments = await filtered
      .orderBy('payment.paid_on', 'DESC')
      .addOrderBy('payment.created_at', 'DESC')
      .addOrderBy('payment.id', 'ASC')
      .offset((query.page - 1) * query.limit)
      .limit(query.limit)
      .getMany();

    return {
      data: payments.map(toPaymentView),
      meta: {
        page: query.page,
        limit: query.limit,
        total: totals?.count ?? 0,
        totalAmount: totals?.totalAmount ?? '0.00',
      },
    };
  }

  private filter(principal: Principal, query: ListPaymentsQuery): SelectQueryBuilder<Payment> {
    const builder = this.dataSource
      .getRepository(Payment)
      .createQueryBuilder('payment')
      .where('payment.tenant_id = :tenantId', { tenantId: principal.tenantId });
    const limit = staffBranchLimit(principal);
    if (limit) builder.andWhere('payment.branch_id IN (:...limit)', { limit });
    if (query.memberId)
      builder.andWhere('payment.member_id = :memberId', { memberId: query.memberId });
    if (query.branchId)
      builder.andWhere('payment.branch_id = :branchId', { branchId: query.branchId });
    if (query.method) builder.andWhere('payment.method = :method', { method: query.method });
    if (query.status) builder.andWhere('payment.status = :status', { status: query.status });
    if (query.from) builder.andWhere('payment.paid_on >= :from', { from: query.from });
    if (query.to) builder.andWhere('payment.paid_on <= :to', { to: query.to });
    return builder;
  }
}
