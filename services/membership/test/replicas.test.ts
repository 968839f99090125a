import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@gym/testing';
import { startMembership, type MembershipHarness } from './support/membership-harness.js';

describe('identity replicas', () => {
  let harness: MembershipHarness;

  before(async () => {
    harness = await startMembership();
  });
  after(async () => {
    await harness?.close();
  });

  async function tenantRow(tenantId: string) {
    const rows = await harness.dataSource.query(
      'SELECT timezone, name FROM membership.tenant_replicas WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0] as { timezone: string; name: string } | undefined;
  }

  async function branchRow(branchId: string) {
    const rows = await harness.dataSource.query(
      'SELECT name, is_default, archived_at FROM membership.branch_replicas WHERE branch_id = $1',
      [branchId],
    );
    return rows[0] as { name: string; is_default: boolean; archived_at: Date | null } | undefined;
  }

  it('tenant updated event changes the timezone', async () => {
    const { tenantId } = await harness.createTenant();

    await harness.identity.publish('identity.tenant.updated', tenantId, {
      tenantId,
      name: 'Yeni Ad',
      timezone: 'America/New_York',
      locale: 'en',
      currency: 'TRY',
    });

    const row = await waitFor('the new timezone', async () => {
      const current = await tenantRow(tenantId);
      return current?.timezone === 'America/New_York' && current;
    });
    assert.equal(row.name, 'Yeni Ad');
  });

  it('older tenant event is ignored', async () => {
    const { tenantId } = await harness.createTenant();
    const marker = randomUUID();

    await harness.identity.publish(
      'identity.tenant.updated',
      tenantId,
      { tenantId, name: 'Eski', timezone: 'Asia/Tokyo', locale: 'tr', currency: 'TRY' },
      '2000-01-01T00:00:00.000Z',
    );
    await harness.identity.publish('identity.tenant.updated', tenantId, {
      tenantId,
      name: marker,
      timezone: 'Europe/Istanbul',
      locale: 'tr',
      currency: 'TRY',
    });

    await waitFor('the newer event', async () => (await tenantRow(tenantId))?.name === marker);
    assert.equal((await tenantRow(tenantId))?.timezone, 'Europe/Istanbul');
  });

  it('branch archive and restore events update the replica', async () => {
    const { tenantId } = await harness.createTenant();
    const branchId = await harness.createBranch(tenantId, 'Kadıköy');
    const archivedAt = new Date().toISOString();

    await harness.identity.publish('identity.branch.archived', tenantId, {
      branchId,
      name: 'Kadıköy',
      isDefault: false,
      archivedAt,
    });
    await waitFor('the archived branch', async () => (await branchRow(branchId))?.archived_at);

    await harness.identity.publish('identity.branch.restored', tenantId, {
      branchId,
      name: 'Kadıköy Moda',
      isDefault: false,
      archivedAt: null,
    });
    const restored = await waitFor('the restored branch', async () => {
      const row = await branchRow(branchId);
      return row?.archived_at === null && row;
    });
    assert.equal(restored.name, 'Kadıköy Moda');
  });

  it('default-changed event moves the default flag', async () => {
    const { tenantId, branchId: previousBranchId } = await harness.createTenant();
    await harness.dataSource.query(
      'UPDATE membership.branch_replicas SET is_default = true WHERE branch_id = $1',
      [previousBranchId],
    );
    const branchId = await harness.createBranch(tenantId, 'Beşiktaş');

    await harness.identity.publish('identity.branch.default-changed', tenantId, {
      branchId,
      previousBranchId,
    });

    await waitFor('the new default', async () => (await branchRow(branchId))?.is_default);
    assert.equal((await branchRow(previousBranchId))?.is_default, false);
  });

  it('event without required fields changes nothing', async () => {
    const { tenantId } = await harness.createTenant();

    await harness.identity.publish('identity.branch.created', tenantId, { name: 'Eksik' });

    const rows = await harness.dataSource.query(
      "SELECT count(*)::int AS count FROM membership.branch_replicas WHERE name = 'Eksik'",
    );
    assert.equal(rows[0].count, 0);
  });
});
