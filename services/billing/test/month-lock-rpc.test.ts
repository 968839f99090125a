import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RpcClient, RpcRemoteError } from '@gym/messaging';
import { MONTH_LOCK_STATUS_PATTERN } from '../src/index.js';
import { startBilling, type BillingHarness } from './support/billing-harness.js';

describe('month lock status RPC', () => {
  let harness: BillingHarness;

  before(async () => {
    harness = await startBilling();
  });
  after(async () => {
    await harness?.close();
  });

  it('reports locked and unlocked dates', async () => {
    harness.clock.set('2026-06-15T09:00:00Z');
    const tenant = await harness.createTenant();
    await harness.request('POST', '/api/v1/revenue-month-locks', {
      token: tenant.adminToken,
      body: { month: '2026-05' },
    });
    const client = harness.app.get(RpcClient);

    const locked = await client.call<any>(MONTH_LOCK_STATUS_PATTERN, {
      tenantId: tenant.tenantId,
      date: '2026-05-31',
    });
    const open = await client.call<any>(MONTH_LOCK_STATUS_PATTERN, {
      tenantId: tenant.tenantId,
      date: '2026-06-01',
    });

    assert.equal(locked.locked, true);
    assert.equal(locked.month, '2026-05');
    assert.ok(locked.lockedAt);
    assert.equal(open.locked, false);
    assert.equal(open.lockedAt, null);
  });

  it('malformed request gets INVALID_REQUEST', async () => {
    const client = harness.app.get(RpcClient);

    await assert.rejects(
      client.call(MONTH_LOCK_STATUS_PATTERN, { tenantId: 'x', date: '2026-05-31' }),
      (error: unknown) =>
        error instanceof RpcRemoteError && (error as RpcRemoteError).code === 'INVALID_REQUEST',
    );
  });
});
