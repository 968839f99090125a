import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { EventEnvelope } from '@gym/messaging';
import { projectionHandlers } from '../src/projections/projection-handlers.js';
import { memberData, paymentData, saleData } from './support/fixtures.js';
import { startReporting, type ReportingHarness } from './support/reporting-harness.js';

describe('projection handlers on bad events', () => {
  let harness: ReportingHarness;

  before(async () => {
    harness = await startReporting();
  });
  after(async () => {
    await harness?.close();
  });

  function apply(type: string, tenantId: string, data: unknown) {
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      tenantId,
      data,
    };
    return harness.dataSource.transaction((manager) =>
      projectionHandlers[type]!(envelope, manager),
    );
  }

  it('a payment id of another tenant is rejected', async () => {
    const payment = paymentData({ branchId: randomUUID(), amount: '10.00', paidOn: '2026-03-01' });
    await apply('billing.payment.recorded', randomUUID(), payment);

    await assert.rejects(
      apply('billing.payment.recorded', randomUUID(), payment),
      /payment_id .* belongs to another tenant/,
    );
  });

  it('a member id of another tenant is rejected', async () => {
    const member = memberData({
      branchId: randomUUID(),
      status: 'ACTIVE',
      membershipStartDate: '2026-03-01',
      membershipEndDate: '2026-03-31',
      createdAt: '2026-03-01T09:00:00Z',
    });
    await apply('membership.member.created', randomUUID(), member);

    await assert.rejects(
      apply('membership.member.updated', randomUUID(), member),
      /member .* belongs to another tenant/,
    );
  });

  it('an event without a required field is rejected naming it', async () => {
    const { amount: _amount, ...withoutAmount } = paymentData({
      branchId: randomUUID(),
      amount: '10.00',
      paidOn: '2026-03-01',
    });

    await assert.rejects(
      apply('billing.payment.recorded', randomUUID(), withoutAmount),
      /billing.payment.recorded lacks the fields amount/,
    );
    await assert.rejects(
      apply('identity.tenant.created', randomUUID(), null),
      /identity.tenant.created lacks the fields/,
    );
  });

  it('a sale whose items are not a list is rejected', async () => {
    const sale = {
      ...saleData({ branchId: randomUUID(), soldOn: '2026-03-01', items: [] }),
      items: 'none',
    };

    await assert.rejects(apply('catalog.sale.recorded', randomUUID(), sale), /has no items array/);
  });

  it('an amount that is not a decimal string is rejected', async () => {
    const payment = paymentData({ branchId: randomUUID(), amount: '1e3', paidOn: '2026-03-01' });

    await assert.rejects(
      apply('billing.payment.recorded', randomUUID(), payment),
      /Invalid money amount "1e3"/,
    );
  });
});
