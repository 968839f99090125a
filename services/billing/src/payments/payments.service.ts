import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { staffBranchLimit, type Principal } from '@gym/auth';
import { insertReturning } from '@gym/database';
import { AppException } from '@gym/errors';
import { recordIdempotentResponse } from '@gym/idempotency';
import { enqueueEvent } from '@gym/messaging';
import { monthOf } from '../common/business-date.js';
import { assertMonthsUnlocked, lockMonthKey } from '../month-locks/month-lock-check.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import type { CorrectPaymentDto, CreatePaymentDto } from './payment.dto.js';
import { readPaymentContext } from './payment-context.js';
import { Payment } from './payment.entity.js';
import { assertNotInFuture, assertPaymentAmount } from './payment-rules.js';
import { paymentEventData, toPaymentView, type PaymentView } from './payment.view.js';

export const PAYMENT_RECORDED = 'billing.payment.recorded';
export const PAYMENT_CORRECTED = 'billing.payment.corrected';

/** Records payments and corrections, each with its event in one transaction. */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: TenantCalendar,
  ) {}

  /**
   * Records a payment of a member of the caller's tenant, dated on or before the tenant's today
   * and outside locked months, and enqueues billing.payment.recorded.
   */
  async record(principal: Principal, fields: CreatePaymentDto): Promise<PaymentView> {
    assertPaymentAmount(fields.amount);
    const { tenantId } = principal;
    const month = monthOf(fields.paidOn);

    return this.dataSource.transaction(async (manager) => {
      await lockMonthKey(manager, tenantId, month, 'shared');
      const context = await readPaymentContext(manager, tenantId, fields.memberId, month);
      const limit = staffBranchLimit(principal);
      const branchId = context.memberBranchId;
      if (!branchId || (limit && !limit.includes(branchId))) {
        throw new AppException('MEMBER_NOT_FOUND', { memberId: fields.memberId });
      }

      assertNotInFuture(fields.paidOn, this.calendar.todayIn(context.timeZone));
      if (context.monthLocked) throw new AppException('MONTH_LOCKED', { month });

      const payment = await this.insert(manager, {
        tenantId,
        memberId: fields.memberId,
        branchId,
        amount: fields.amount,
        method: fields.method,
        paidOn: fields.paidOn,
        note: fields.note ?? null,
        recordedBy: principal.userId,
      });
      await enqueueEvent(manager, {
        type: PAYMENT_RECORDED,
        tenantId,
        data: paymentEventData(payment),
      });
      return this.respond(manager, toPaymentView(payment));
    });
  }

  /**
   * Replaces a RECORDED payment by a new one in one transaction: the original becomes CORRECTED
   * and both name each other. Neither the original's month nor the new month may be locked.
   */
  async correct(
    principal: Principal,
    paymentId: string,
    fields: CorrectPaymentDto,
  ): Promise<PaymentView> {
    assertPaymentAmount(fields.amount);
    const { tenantId } = principal;

    return this.dataSource.transaction(async (manager) => {
      const original = await manager
        .getRepository(Payment)
        .createQueryBuilder('payment')
        .setLock('pessimistic_write')
        .where('payment.id = :paymentId AND payment.tenant_id = :tenantId', { paymentId, tenantId })
        .getOne();
      const limit = staffBranchLimit(principal);
      if (!original || (limit && !limit.includes(original.branchId))) {
        throw new AppException('NOT_FOUND');
      }
      if (original.status === 'CORRECTED') {
        throw new AppException('PAYMENT_ALREADY_CORRECTED', {
          correctedByPaymentId: original.correctedByPaymentId,
        });
      }

      assertNotInFuture(fields.paidOn, await this.calendar.today(tenantId, manager));
      await assertMonthsUnlocked(manager, tenantId, [
        monthOf(original.paidOn),
        monthOf(fields.paidOn),
      ]);

      const replacement = await this.insert(manager, {
        tenantId,
        memberId: original.memberId,
        branchId: original.branchId,
        amount: fields.amount,
        method: fields.method,
        paidOn: fields.paidOn,
        note: original.note,
        recordedBy: principal.userId,
        correctsPaymentId: original.id,
        correctionReason: fields.reason,
      });
      await manager.update(
        Payment,
        { id: original.id },
        { status: 'CORRECTED', correctedByPaymentId: replacement.id, correctedAt: () => 'now()' },
      );
      const corrected = await manager.getRepository(Payment).findOneByOrFail({ id: original.id });

      await enqueueEvent(manager, {
        type: PAYMENT_CORRECTED,
        tenantId,
        data: {
          original: paymentEventData(corrected),
          replacement: paymentEventData(replacement),
          reason: fields.reason,
        },
      });
      return this.respond(manager, toPaymentView(replacement));
    });
  }

  /** Stores the response of an idempotent request in the same transaction as the payment. */
  private async respond(manager: EntityManager, view: PaymentView): Promise<PaymentView> {
    await recordIdempotentResponse(manager, view);
    return view;
  }

  private insert(manager: EntityManager, fields: Partial<Payment>): Promise<Payment> {
    return insertReturning(manager, Payment, { status: 'RECORDED', ...fields });
  }
}
