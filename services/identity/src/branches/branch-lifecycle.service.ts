import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { lockTenant } from '../tenants/tenant-lock.js';
import { Branch } from './branch.entity.js';
import { lockBranch } from './branch-lookup.js';
import { branchEventData } from './branch.view.js';

/**
 * Archives, restores and picks the default branch. Each call is idempotent: repeating it on a
 * branch already in the target state returns the branch unchanged and publishes nothing.
 */
@Injectable()
export class BranchLifecycleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Archives a branch; the default branch raises DEFAULT_BRANCH_ARCHIVE. */
  async archive(tenantId: string, branchId: string): Promise<Branch> {
    return this.dataSource.transaction(async (manager) => {
      const branch = await lockBranch(manager, tenantId, branchId);
      if (branch.archivedAt) return branch;
      if (branch.isDefault) {
        throw new AppException('DEFAULT_BRANCH_ARCHIVE');
      }

      branch.archivedAt = new Date();
      const saved = await manager.save(branch);
      await enqueueEvent(manager, {
        type: 'identity.branch.archived',
        tenantId,
        data: branchEventData(saved),
      });
      return saved;
    });
  }

  async restore(tenantId: string, branchId: string): Promise<Branch> {
    return this.dataSource.transaction(async (manager) => {
      const branch = await lockBranch(manager, tenantId, branchId);
      if (!branch.archivedAt) return branch;

      branch.archivedAt = null;
      const saved = await manager.save(branch);
      await enqueueEvent(manager, {
        type: 'identity.branch.restored',
        tenantId,
        data: branchEventData(saved),
      });
      return saved;
    });
  }

  /**
   * Makes a branch the tenant's default in one transaction; an archived branch raises
   * BRANCH_ARCHIVED. The tenant row lock serializes concurrent calls, so the tenant never has
   * zero or two defaults.
   */
  async setDefault(tenantId: string, branchId: string): Promise<Branch> {
    return this.dataSource.transaction(async (manager) => {
      await lockTenant(manager, tenantId);
      const branch = await lockBranch(manager, tenantId, branchId);
      if (branch.isDefault) return branch;
      if (branch.archivedAt) {
        throw new AppException('BRANCH_ARCHIVED');
      }

      const previous = await manager.findOneBy(Branch, { tenantId, isDefault: true });
      if (previous) {
        await manager.update(Branch, { id: previous.id }, { isDefault: false });
      }
      branch.isDefault = true;
      const saved = await manager.save(branch);

      await enqueueEvent(manager, {
        type: 'identity.branch.default-changed',
        tenantId,
        data: { branchId: saved.id, previousBranchId: previous?.id ?? null },
      });
      return saved;
    });
  }
}
