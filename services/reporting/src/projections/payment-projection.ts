import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@gym/messaging';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { applyDelta, contributionDelta, type ContributionRow } from './aggregate-delta.js';
import { monthOf } from './calendar.js';
import { lockFact } from './fact-lock.js';
import { toCents } from './money.js';
import {
  requireFields,
  type PaymentCorrectedData,
  type PaymentEventData,
} from './source-events.js';

const paymentFields: (keyof PaymentEventData)[] = [
  'paymentId',
  'branchId',
  'amount',
  'method',
  'paidOn',
];

interface PaymentFact {
  tenant_id: string;
  payment_id: string;
  branch_id: string | null;
  paid_on: string | null;
  method: string | null;
  amount: string | null;
  superseded: boolean;
}

const FACT_COLUMNS = 'payment_id, branch_id, paid_on::text AS paid_on, method, amount, superseded';

/** A payment adds its amount to its day and month, unless a correction superseded it. */
function contribution(fact: PaymentFact): ContributionRow[] {
  if (fact.superseded || fact.amount === null) return [];
  const { tenant_id: tenant, branch_id: branch, paid_on: day, method } = fact;
  const values = [toCents(fact.amount), 1n];
  return [
    { table: 'revenue_daily', key: [tenant, day!, branch!, 'MEMBERSHIP', method!], values },
    {
      table: 'revenue_monthly',
      key: [tenant, monthOf(day!), branch!, 'MEMBERSHIP', method!],
      values,
    },
  ];
}

/**
 * Writes what an event says about one locked payment and moves the aggregates by the change of
 * its contribution. Superseded is final: a correction that arrived first leaves a tombstone,
 * and the late original adds nothing.
 */
async function update(
  manager: EntityManager,
  fact: PaymentFact,
  data: PaymentEventData,
  superseded: boolean,
): Promise<void> {
  const next: PaymentFact = {
    ...fact,
    branch_id: data.branchId,
    paid_on: data.paidOn,
    method: data.method,
    amount: data.amount,
    superseded: fact.superseded || superseded || data.status === 'CORRECTED',
  };
  await manager.query(
    `UPDATE ${REPORTING_SCHEMA}.payment_facts
        SET branch_id = $2, paid_on = $3, method = $4, amount = $5, superseded = $6
      WHERE payment_id = $1`,
    [next.payment_id, next.branch_id, next.paid_on, next.method, next.amount, next.superseded],
  );
  await applyDelta(manager, contributionDelta(contribution(fact), contribution(next)));
}

function lock(manager: EntityManager, tenantId: string, paymentId: string) {
  return lockFact<PaymentFact>(
    manager,
    'payment_facts',
    'payment_id',
    paymentId,
    tenantId,
    FACT_COLUMNS,
  );
}

export async function applyPaymentRecorded(
  envelope: EventEnvelope,
  manager: EntityManager,
): Promise<void> {
  const data = requireFields<PaymentEventData>(envelope.type, envelope.data, paymentFields);
  const fact = await lock(manager, envelope.tenantId, data.paymentId);
  await update(manager, fact, data, false);
}

/** The original stops counting and the replacement counts, each exactly once. */
export async function applyPaymentCorrected(
  envelope: EventEnvelope,
  manager: EntityManager,
): Promise<void> {
  const data = requireFields<PaymentCorrectedData>(envelope.type, envelope.data, [
    'original',
    'replacement',
  ]);
  const original = requireFields<PaymentEventData>(envelope.type, data.original, paymentFields);
  const replacement = requireFields<PaymentEventData>(
    envelope.type,
    data.replacement,
    paymentFields,
  );

  // Facts are locked in id order, so two corrections touching the same payments cannot deadlock.
  const [first, second] = [original, replacement].sort((a, b) =>
    a.paymentId < b.paymentId ? -1 : 1,
  );
  const facts = new Map<string, PaymentFact>();
  for (const payment of [first!, second!]) {
    facts.set(payment.paymentId, await lock(manager, envelope.tenantId, payment.paymentId));
  }
  await update(manager, facts.get(original.paymentId)!, original, true);
  await update(manager, facts.get(replacement.paymentId)!, replacement, false);
}
