import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@gym/testing';
import { CATALOG_SCHEMA } from '../src/database/schema.js';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

describe('branch and member replicas', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startCatalog();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  async function branchRow(branchId: string) {
    const rows: { name: string; archived_at: Date | null }[] = await harness.dataSource.query(
      `SELECT name, archived_at FROM ${CATALOG_SCHEMA}.branch_replicas WHERE branch_id = $1`,
      [branchId],
    );
    return rows[0];
  }

  it('older branch event is ignored', async () => {
    const branchId = randomUUID();
    const archivedAt = '2026-06-02T10:00:00.000Z';
    await harness.events.publish(
      'identity.branch.archived',
      tenant.tenantId,
      { branchId, name: 'Kadıköy', isDefault: false, archivedAt },
      archivedAt,
    );
    await waitFor('archived branch in the replica', () => branchRow(branchId));

    await harness.events.publish(
      'identity.branch.created',
      tenant.tenantId,
      { branchId, name: 'Eski Ad', isDefault: false, archivedAt: null },
      '2026-06-01T10:00:00.000Z',
    );
    const marker = randomUUID();
    await harness.events.publish('identity.branch.created', tenant.tenantId, {
      branchId: marker,
      name: 'İşaret',
      isDefault: false,
      archivedAt: null,
    });
    await waitFor('later event processed', () => branchRow(marker));

    const row = await branchRow(branchId);
    assert.equal(row?.name, 'Kadıköy');
    assert.ok(row?.archived_at, 'the branch stays archived');
  });

  it('restored branch sells again', async () => {
    const branchId = await harness.createBranch(tenant, new Date().toISOString());
    const product = await harness.createProduct(tenant);
    const sell = () =>
      harness.recordSale(tenant, { branchId, items: [{ productId: product.id, quantity: 1 }] });
    const archived = await sell();

    await harness.events.publish('identity.branch.restored', tenant.tenantId, {
      branchId,
      name: 'Geri Gelen',
      isDefault: false,
      archivedAt: null,
    });
    await waitFor('restored branch in the replica', async () => {
      const row = await branchRow(branchId);
      return row && row.archived_at === null;
    });
    const restored = await sell();

    assert.equal(archived.status, 409);
    assert.equal(archived.body.code, 'BRANCH_IS_ARCHIVED');
    assert.equal(restored.status, 201, restored.text);
  });

  it('member event of another tenant cannot move a member', async () => {
    const memberId = await harness.createMember(tenant);
    const other = await harness.createTenant();
    const product = await harness.createProduct(tenant);

    await harness.events.publish('membership.member.updated', other.tenantId, {
      memberId,
      branchId: other.branchId,
      status: 'ACTIVE',
    });
    await waitFor('the foreign member event in the inbox', async () => {
      const processed: unknown[] = await harness.dataSource.query(
        `SELECT 1 FROM ${CATALOG_SCHEMA}.inbox_message WHERE event_type = 'membership.member.updated'`,
      );
      return processed.length > 0;
    });
    const rows: { tenant_id: string }[] = await harness.dataSource.query(
      `SELECT tenant_id FROM ${CATALOG_SCHEMA}.member_replicas WHERE member_id = $1`,
      [memberId],
    );
    const sale = await harness.recordSale(tenant, {
      memberId,
      items: [{ productId: product.id, quantity: 1 }],
    });

    assert.equal(rows[0]?.tenant_id, tenant.tenantId);
    assert.equal(sale.status, 201, sale.text);
  });
});
