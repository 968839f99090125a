import { randomUUID } from 'node:crypto';

/** Event data of a billing payment as billing.payment.recorded carries it. */
export function paymentData(fields: {
  paymentId?: string;
  branchId: string;
  amount: string;
  method?: string;
  paidOn: string;
  status?: string;
}) {
  return {
    paymentId: fields.paymentId ?? randomUUID(),
    memberId: randomUUID(),
    branchId: fields.branchId,
    amount: fields.amount,
    method: fields.method ?? 'CASH',
    paidOn: fields.paidOn,
    status: fields.status ?? 'RECORDED',
    correctsPaymentId: null,
    recordedBy: randomUUID(),
    createdAt: new Date().toISOString(),
  };
}

/** Event data of a catalog sale as catalog.sale.recorded carries it. */
export function saleData(fields: {
  saleId?: string;
  branchId: string;
  soldOn: string;
  paymentMethod?: string;
  items: { productId: string; productName: string; quantity: number; unitPrice: string }[];
}) {
  const items = fields.items.map((item) => ({
    ...item,
    lineTotal: (Number(item.unitPrice) * item.quantity).toFixed(2),
  }));
  const total = items.reduce((sum, item) => sum + Number(item.lineTotal), 0).toFixed(2);
  return {
    saleId: fields.saleId ?? randomUUID(),
    branchId: fields.branchId,
    memberId: null,
    soldOn: fields.soldOn,
    paymentMethod: fields.paymentMethod ?? 'CASH',
    total,
    items,
    recordedAt: new Date().toISOString(),
  };
}

/** Event data of a membership member as membership.member.* events carry it. */
export function memberData(fields: {
  memberId?: string;
  branchId: string;
  status: string;
  membershipStartDate: string;
  membershipEndDate: string;
  createdAt: string;
}) {
  return {
    memberId: fields.memberId ?? randomUUID(),
    planId: randomUUID(),
    ...fields,
  };
}
