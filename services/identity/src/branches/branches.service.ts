import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { toPage, type Page } from '@gym/http';
import { Branch } from './branch.entity.js';
import { BRANCH_NAME_INDEX, lockBranch } from './branch-lookup.js';
import type { CreateBranchDto, ListBranchesQuery, UpdateBranchDto } from './branch.dto.js';
import { branchEventData } from './branch.view.js';
import { isUniqueViolation } from '@gym/database';

/** ICU collation that sorts Ç after C and İ after I; PostgreSQL provides it when built with ICU. */
const TURKISH_COLLATION = 'tr-x-icu';

/** Lists, creates and edits the branches of a tenant. */
@Injectable()
export class BranchesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Returns one page of branches: the default branch first, then by name in Turkish alphabetical
   * order. `limitedTo` restricts the list to the branches a STAFF user is assigned to.
   */
  async list(
    tenantId: string,
    query: ListBranchesQuery,
    limitedTo?: string[],
  ): Promise<Page<Branch>> {
    const builder = this.dataSource
      .getRepository(Branch)
      .createQueryBuilder('branch')
      .where('branch.tenant_id = :tenantId', { tenantId });
    if (limitedTo) {
      builder.andWhere('branch.id IN (:...limitedTo)', { limitedTo });
    }
    if (!query.includeArchived) {
      builder.andWhere('branch.archived_at IS NULL');
    }

    const [branches, total] = await builder
      .orderBy('branch.is_default', 'DESC')
      .addOrderBy(`branch.name COLLATE "${TURKISH_COLLATION}"`, 'ASC')
      .addOrderBy('branch.id', 'ASC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return toPage(branches, total, query);
  }

  /** Creates a branch; a name already used in the tenant, ignoring case, raises BRANCH_NAME_TAKEN. */
  async create(tenantId: string, fields: CreateBranchDto): Promise<Branch> {
    return this.withNameCheck(fields.name, () =>
      this.dataSource.transaction(async (manager) => {
        const branch = manager.create(Branch, {
          tenantId,
          name: fields.name,
          address: fields.address ?? null,
          phone: fields.phone ?? null,
          isDefault: false,
          archivedAt: null,
        });
        const saved = await manager.save(branch);

        await enqueueEvent(manager, {
          type: 'identity.branch.created',
          tenantId,
          data: branchEventData(saved),
        });
        return saved;
      }),
    );
  }

  /** Changes name, address or phone; archived branches may be edited too. */
  async update(tenantId: string, branchId: string, changes: UpdateBranchDto): Promise<Branch> {
    return this.withNameCheck(changes.name ?? '', () =>
      this.dataSource.transaction(async (manager) => {
        const branch = await lockBranch(manager, tenantId, branchId);
        const next = {
          name: changes.name ?? branch.name,
          address: changes.address === undefined ? branch.address : changes.address,
          phone: changes.phone === undefined ? branch.phone : changes.phone,
        };
        if (
          next.name === branch.name &&
          next.address === branch.address &&
          next.phone === branch.phone
        ) {
          return branch;
        }

        Object.assign(branch, next);
        const saved = await manager.save(branch);
        await enqueueEvent(manager, {
          type: 'identity.branch.updated',
          tenantId,
          data: branchEventData(saved),
        });
        return saved;
      }),
    );
  }

  /**
   * Runs `write` and maps a violation of the per-tenant name index to BRANCH_NAME_TAKEN. The
   * index decides, not an earlier read, so two concurrent requests cannot both take a name.
   */
  private async withNameCheck<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, BRANCH_NAME_INDEX)) {
        throw new AppException('BRANCH_NAME_TAKEN', { name });
      }
      throw error;
    }
  }
}
