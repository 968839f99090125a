import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@gym/auth';
import { AppException } from '@gym/errors';
import { recordIdempotentResponse } from '@gym/idempotency';
import { enqueueEvent } from '@gym/messaging';
import { assertBranchAllowed } from '@gym/auth';
import { catalogEventTypes } from '../common/catalog-events.js';
import { fromCents, toCents } from '../common/money.js';
import { CATALOG_SCHEMA } from '../database/schema.js';
import { assertActiveBranch } from '../replicas/branch-check.js';
import { MemberReplica } from '../replicas/member-replica.entity.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import { MonthLockGuard } from './month-lock-guard.js';
import type { CreateSaleDto } from './sale.dto.js';
import { SaleItem } from './sale-item.entity.js';
import { Sale } from './sale.entity.js';
import { saleEventData, toSaleView, type SaleView } from './sale.view.js';
import { mergeLines, restoreStock, takeFromProduct } from './stock.js';

/** Records and deletes product sales, each with its stock change and event in one transaction. */
@Injectable()
export class SalesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: TenantCalendar,
    private readonly monthLocks: MonthLockGuard,
  ) {}

  /**
   * Records a sale dated on or before the tenant's today in a month billing has not locked.
   * Prices and names come from the products, and every tracked product loses the sold units.
   * When one product lacks them, the whole sale is rolled back with 409 INSUFFICIENT_STOCK.
   */
  async record(principal: Principal, fields: CreateSaleDto): Promise<SaleView> {
    const { tenantId } = principal;
    assertBranchAllowed(principal, fields.branchId);
    const today = await this.calendar.today(tenantId);
    if (fields.soldOn > today) {
      throw new AppException('SOLD_ON_IN_FUTURE', { soldOn: fields.soldOn, today }, [
        { field: 'soldOn', constraint: 'notInFuture', params: { today } },
      ]);
    }
    // NOTE: billing can lock the month between this check and the commit below, because the
    // lock lives in billing's database. Such a sale lands in a month locked a moment later.
    await this.monthLocks.assertUnlocked(tenantId, fields.soldOn);

    return this.dataSource.transaction(async (manager) => {
      await assertActiveBranch(manager, tenantId, fields.branchId);
      if (fields.memberId) await this.assertMember(manager, tenantId, fields.memberId);

      const items: SaleItem[] = [];
      let totalCents = 0n;
      for (const line of mergeLines(fields.items)) {
        const product = await takeFromProduct(manager, tenantId, fields.branchId, line);
        const lineCents = toCents(product.price) * BigInt(line.quantity);
        totalCents += lineCents;
        items.push(
          manager.create(SaleItem, {
            position: items.length,
            productId: product.productId,
            productName: product.name,
            quantity: line.quantity,
            unitPrice: product.price,
            lineTotal: fromCents(lineCents),
            stockTaken: product.stockTaken,
          }),
        );
      }

      const result = await manager.insert(Sale, {
        tenantId,
        branchId: fields.branchId,
        memberId: fields.memberId ?? null,
        soldOn: fields.soldOn,
        paymentMethod: fields.paymentMethod,
        total: fromCents(totalCents),
        note: fields.note ?? null,
        recordedBy: principal.userId,
      });
      const saleId = (result.identifiers[0] as { id: string }).id;
      await manager.insert(
        SaleItem,
        items.map((item) => ({ ...item, saleId })),
      );

      const sale = await manager.getRepository(Sale).findOneByOrFail({ id: saleId });
      const saved = await this.itemsOf(manager, saleId);
      await enqueueEvent(manager, {
        type: catalogEventTypes.saleRecorded,
        tenantId,
        data: saleEventData(sale, saved),
      });
      const view = toSaleView(sale, saved);
      await recordIdempotentResponse(manager, view);
      return view;
    });
  }

  /**
   * Soft-deletes a sale and gives back the stock it took. The conditional update on
   * `deleted_at IS NULL` lets exactly one of concurrent or repeated deletions through; the
   * others get 404 SALE_NOT_FOUND, so the stock is restored once.
   */
  async delete(principal: Principal, saleId: string): Promise<void> {
    const { tenantId } = principal;
    const sale = await this.dataSource
      .getRepository(Sale)
      .createQueryBuilder('sale')
      .where('sale.id = :saleId AND sale.tenant_id = :tenantId AND sale.deleted_at IS NULL', {
        saleId,
        tenantId,
      })
      .getOne();
    if (!sale) throw new AppException('SALE_NOT_FOUND');
    await this.monthLocks.assertUnlocked(tenantId, sale.soldOn);

    await this.dataSource.transaction(async (manager) => {
      const deleted: { deleted_at: Date }[] = await manager.query(
        `WITH deleted AS (
           UPDATE ${CATALOG_SCHEMA}.sales SET deleted_at = now(), deleted_by = $3
            WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL
           RETURNING deleted_at
         )
         SELECT deleted_at FROM deleted`,
        [saleId, tenantId, principal.userId],
      );
      const deletedAt = deleted[0]?.deleted_at;
      if (!deletedAt) throw new AppException('SALE_NOT_FOUND');

      const items = await this.itemsOf(manager, saleId);
      await restoreStock(
        manager,
        items.filter((item) => item.stockTaken),
      );
      await enqueueEvent(manager, {
        type: catalogEventTypes.saleDeleted,
        tenantId,
        data: { ...saleEventData(sale, items), deletedAt: new Date(deletedAt).toISOString() },
      });
    });
  }

  private async assertMember(manager: EntityManager, tenantId: string, memberId: string) {
    const member = await manager.getRepository(MemberReplica).findOneBy({ memberId, tenantId });
    if (!member) throw new AppException('MEMBER_NOT_FOUND', { memberId });
  }

  private itemsOf(manager: EntityManager, saleId: string): Promise<SaleItem[]> {
    return manager.getRepository(SaleItem).find({ where: { saleId }, order: { position: 'ASC' } });
  }
}
