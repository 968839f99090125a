import type { Payment } from './payment.entity.js';

/** A payment as the API returns it; a correction and its original name each other. */
export function toPaymentView(payment: Payment) {
  return {
    id: payment.id,
    memberId: payment.memberId,
    branchId: payment.branchId,
    amount: payment.amount,
    method: payment.method,
    paidOn: payment.paidOn,
    note: payment.note,
    status: payment.status,
    correctsPaymentId: payment.correctsPaymentId,
    correctedByPaymentId: payment.correctedByPaymentId,
    correctionReason: payment.correctionReason,
    recordedBy: payment.recordedBy,
    createdAt: payment.createdAt,
    correctedAt: payment.correctedAt,
  };
}

export type PaymentView = ReturnType<typeof toPaymentView>;

/** Event data of a payment: ids, amount, method and business date, without the free-text note. */
export function paymentEventData(payment: Payment) {
  return {
    paymentId: payment.id,
    memberId: payment.memberId,
    branchId: payment.branchId,
    amount: payment.amount,
    method: payment.method,
    paidOn: payment.paidOn,
    status: payment.status,
    correctsPaymentId: payment.correctsPaymentId,
    recordedBy: payment.recordedBy,
    createdAt: new Date(payment.createdAt).toISOString(),
  };
}
