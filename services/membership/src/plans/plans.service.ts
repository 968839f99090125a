import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { toPage, type Page } from '@gym/http';
import { isUniqueViolation } from '@gym/database';
import { assertActiveBranch } from '../replicas/branch-check.js';
import {
  MAX_DURATION_MONTHS,
  type CreatePlanDto,
  type ListPlansQuery,
  type UpdatePlanDto,
} from './plan.dto.js';
import { Plan, type DurationUnit } from './plan.entity.js';
import { lockPlan, PLAN_NAME_INDEX } from './plan-lookup.js';
import { planEventData } from './plan.view.js';

const TURKISH_COLLATION = 'tr-x-icu';

/** Lists, creates, edits and archives the membership plans of a tenant. */
@Injectable()
export class PlansService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns one page of plans sorted by name in Turkish order, limited to those offered at `branchId` when given. */
  async list(tenantId: string, query: ListPlansQuery): Promise<Page<Plan>> {
    const builder = this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .where('plan.tenant_id = :tenantId', { tenantId });
    if (query.branchId) {
      builder.andWhere("(plan.scope = 'TENANT' OR plan.branch_id = :branchId)", {
        branchId: query.branchId,
      });
    }
    if (!query.includeArchived) {
      builder.andWhere('plan.archived_at IS NULL');
    }

    const [plans, total] = await builder
      .orderBy(`plan.name COLLATE "${TURKISH_COLLATION}"`, 'ASC')
      .addOrderBy('plan.id', 'ASC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return toPage(plans, total, query);
  }

  async create(tenantId: string, fields: CreatePlanDto): Promise<Plan> {
    assertDurationFits(fields.durationValue, fields.durationUnit);
    if (fields.scope === 'BRANCH' && !fields.branchId) {
      throw new AppException('BRANCH_ID_REQUIRED');
    }
    if (fields.scope === 'TENANT' && fields.branchId) {
      throw new AppException('BRANCH_ID_NOT_ALLOWED');
    }

    return this.withNameCheck(fields.name, () =>
      this.dataSource.transaction(async (manager) => {
        if (fields.branchId) {
          await assertActiveBranch(manager, tenantId, fields.branchId);
        }
        const plan = manager.create(Plan, {
          tenantId,
          name: fields.name,
          scope: fields.scope,
          branchId: fields.branchId ?? null,
          durationValue: fields.durationValue,
          durationUnit: fields.durationUnit,
          price: fields.price,
          sessionCount: fields.sessionCount ?? null,
          description: fields.description ?? null,
          archivedAt: null,
        });
        const saved = await reload(manager, await manager.save(plan));
        await enqueueEvent(manager, {
          type: 'membership.plan.created',
          tenantId,
          data: planEventData(saved),
        });
        return saved;
      }),
    );
  }

  /** Changes the given fields; members already on the plan keep their end dates. */
  async update(tenantId: string, planId: string, changes: UpdatePlanDto): Promise<Plan> {
    return this.withNameCheck(changes.name ?? '', () =>
      this.dataSource.transaction(async (manager) => {
        const plan = await lockPlan(manager, tenantId, planId);
        const next = {
          name: changes.name ?? plan.name,
          durationValue: changes.durationValue ?? plan.durationValue,
          durationUnit: changes.durationUnit ?? plan.durationUnit,
          price: changes.price === undefined ? plan.price : normalizeMoney(changes.price),
          sessionCount:
            changes.sessionCount === undefined ? plan.sessionCount : changes.sessionCount,
          description: changes.description === undefined ? plan.description : changes.description,
        };
        assertDurationFits(next.durationValue, next.durationUnit);
        const changed = Object.entries(next).some(
          ([field, value]) => plan[field as keyof typeof next] !== value,
        );
        if (!changed) {
          return plan;
        }

        Object.assign(plan, next);
        const saved = await reload(manager, await manager.save(plan));
        await enqueueEvent(manager, {
          type: 'membership.plan.updated',
          tenantId,
          data: planEventData(saved),
        });
        return saved;
      }),
    );
  }

  /** Archives the plan: it is no longer offered, and members on it keep it. Repeating is a no-op. */
  async archive(tenantId: string, planId: string): Promise<Plan> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await lockPlan(manager, tenantId, planId);
      if (plan.archivedAt) {
        return plan;
      }
      plan.archivedAt = new Date();
      const saved = await manager.save(plan);
      await enqueueEvent(manager, {
        type: 'membership.plan.archived',
        tenantId,
        data: planEventData(saved),
      });
      return saved;
    });
  }

  /** Maps a violation of the scope's name index to PLAN_NAME_TAKEN; the index decides, not a read. */
  private async withNameCheck<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, PLAN_NAME_INDEX)) {
        throw new AppException('PLAN_NAME_TAKEN', { name });
      }
      throw error;
    }
  }
}

/** Rejects a month count above the limit, which the DTO cannot check without the unit. */
function assertDurationFits(value: number, unit: DurationUnit): void {
  if (unit === 'MONTH' && value > MAX_DURATION_MONTHS) {
    throw new AppException('VALIDATION_FAILED', {}, [
      { field: 'durationValue', constraint: 'max', params: { constraint1: MAX_DURATION_MONTHS } },
    ]);
  }
}

/** Writes a validated money string with two decimals, as numeric(12,2) returns it. */
function normalizeMoney(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** Reads the row back so the price comes in the database's two-decimal form. */
async function reload(manager: EntityManager, plan: Plan): Promise<Plan> {
  return manager.getRepository(Plan).findOneByOrFail({ id: plan.id });
}
