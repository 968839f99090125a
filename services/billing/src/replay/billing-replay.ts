import { getDataSourceToken } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { pagesById, replayProvider, type ReplayEvent } from '@gym/messaging';
import { Payment } from '../payments/payment.entity.js';
import { paymentEventData } from '../payments/payment.view.js';
import { PAYMENT_CORRECTED, PAYMENT_RECORDED } from '../payments/payments.service.js';

type Emit = (event: ReplayEvent) => Promise<void>;

/** Corrected payments whose replacements are read in one query. */
const CORRECTION_BATCH = 100;

/** Emits billing.payment.corrected for each original with the payment that replaced it. */
async function emitCorrections(dataSource: DataSource, originals: Payment[], emit: Emit) {
  if (originals.length === 0) return;
  const replacements = await dataSource
    .getRepository(Payment)
    .findBy({ id: In(originals.map((payment) => payment.correctedByPaymentId!)) });
  for (const original of originals) {
    const replacement = replacements.find((row) => row.id === original.correctedByPaymentId)!;
    await emit({
      type: PAYMENT_CORRECTED,
      tenantId: original.tenantId,
      data: {
        original: paymentEventData(original),
        replacement: paymentEventData(replacement),
        reason: replacement.correctionReason,
      },
      occurredAt: original.correctedAt ?? replacement.createdAt,
      entityKey: original.id,
    });
  }
}

/**
 * Serves `billing.replay` with every payment as billing.payment.recorded and, for each
 * corrected one, billing.payment.corrected naming its replacement, in the live events' shapes.
 */
export const billingReplay = replayProvider(
  'billing',
  [getDataSourceToken()],
  (dataSource: DataSource) => async (tenantId, emit) => {
    const payments = dataSource.getRepository(Payment);
    let corrected: Payment[] = [];
    for await (const payment of pagesById(payments, tenantId ? { tenantId } : {})) {
      await emit({
        type: PAYMENT_RECORDED,
        tenantId: payment.tenantId,
        data: paymentEventData(payment),
        occurredAt: payment.createdAt,
        entityKey: `${payment.id}@${payment.status}`,
      });
      if (payment.status === 'CORRECTED') corrected.push(payment);
      if (corrected.length >= CORRECTION_BATCH) {
        await emitCorrections(dataSource, corrected, emit);
        corrected = [];
      }
    }
    await emitCorrections(dataSource, corrected, emit);
  },
);
