import type { PlannedPayment } from './activity-plan.js';
import { memberId, type DemoContext } from './demo-context.js';
import { ApiError } from './gateway-client.js';
import { retryWhileReplicaLags } from './retry.js';

interface Payment {
  id: string;
  status: string;
}

/**
 * Records the month's payments, each with its Idempotency-Key, sends one of them a second time
 * (billing must answer with the first payment), then corrects the mistyped ones.
 */
export async function recordPayments(context: DemoContext): Promise<void> {
  const { client, progress, data } = context;
  const { payments, resentPaymentKey } = data.activity;
  progress.step(`Recording ${payments.length} payments of ${data.activity.month}`);

  const paymentIds = new Map<string, string>();
  for (const [index, payment] of payments.entries()) {
    // Billing learns of imported members from membership's events, a moment after the import.
    const recorded = await retryWhileReplicaLags(
      () => postPayment(context, payment),
      ['MEMBER_NOT_FOUND'],
    );
    paymentIds.set(payment.key, recorded.id);
    if ((index + 1) % 50 === 0) progress.info(`${index + 1}/${payments.length} recorded`);
  }
  progress.info(`${payments.length}/${payments.length} recorded`);

  const resent = payments.find((payment) => payment.key === resentPaymentKey)!;
  const replay = await client.send<Payment>('POST', '/api/v1/payments', {
    idempotencyKey: resent.key,
    body: paymentBody(context, resent),
  });
  if (replay.body.id !== paymentIds.get(resent.key)) {
    throw new Error(
      `Sending the payment with Idempotency-Key ${resent.key} again recorded a new payment ${replay.body.id}`,
    );
  }
  progress.info(
    `the same payment sent again with its Idempotency-Key answered ${replay.status} with the first payment (Idempotent-Replayed: ${replay.headers.get('idempotent-replayed')})`,
  );

  const corrected = payments.filter((payment) => payment.correction);
  for (const payment of corrected) {
    const { key, ...correction } = payment.correction!;
    await client.call('POST', `/api/v1/payments/${paymentIds.get(payment.key)}/corrections`, {
      idempotencyKey: key,
      body: correction,
    });
  }
  progress.info(`${corrected.length} mistyped payments corrected (amount, method or date)`);
}

function postPayment(context: DemoContext, payment: PlannedPayment): Promise<Payment> {
  return context.client.call<Payment>('POST', '/api/v1/payments', {
    idempotencyKey: payment.key,
    body: paymentBody(context, payment),
  });
}

function paymentBody(context: DemoContext, payment: Omit<PlannedPayment, 'correction'>) {
  return {
    memberId: memberId(context, payment.memberPhone),
    amount: payment.amount,
    method: payment.method,
    paidOn: payment.paidOn,
    note: payment.note,
  };
}

/** Locks the month, then checks that billing refuses a payment dated in it. */
export async function lockMonth(context: DemoContext): Promise<void> {
  const { client, progress, data } = context;
  const { month, paymentAfterLock } = data.activity;
  progress.step(`Locking ${month} for revenue`);

  await client.call('POST', '/api/v1/revenue-month-locks', {
    idempotencyKey: `demo-${month}-lock`,
    body: { month },
  });
  try {
    await client.call('POST', '/api/v1/payments', {
      idempotencyKey: paymentAfterLock.key,
      body: paymentBody(context, paymentAfterLock),
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'MONTH_LOCKED') {
      progress.info(
        `a late payment dated ${paymentAfterLock.paidOn} was refused: ${error.status} MONTH_LOCKED`,
      );
      return;
    }
    throw error;
  }
  throw new Error(
    `Billing accepted a payment dated ${paymentAfterLock.paidOn} in the locked month ${month}`,
  );
}
