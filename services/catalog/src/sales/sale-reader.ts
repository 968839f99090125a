import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Principal } from '@gym/auth';
import { AppException } from '@gym/errors';
import { staffBranchLimit } from '@gym/auth';
import { toPage, type Page } from '@gym/http';
import type { ListSalesQuery } from './sale.dto.js';
import { SaleItem } from './sale-item.entity.js';
import { Sale } from './sale.entity.js';
import { toSaleView, type SaleView } from './sale.view.js';

/**
 * Reads the sales of one tenant that are not deleted. STAFF users limited to branches see only
 * those branches' sales; any other sale is not found.
 */
@Injectable()
export class SaleReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(principal: Principal, saleId: string): Promise<SaleView> {
    const sale = await this.dataSource
      .getRepository(Sale)
      .createQueryBuilder('sale')
      .where('sale.id = :saleId AND sale.tenant_id = :tenantId AND sale.deleted_at IS NULL', {
        saleId,
        tenantId: principal.tenantId,
      })
      .getOne();
    const limit = staffBranchLimit(principal);
    if (!sale || (limit && !limit.includes(sale.branchId))) {
      throw new AppException('SALE_NOT_FOUND');
    }
    const items = await this.dataSource
      .getRepository(SaleItem)
      .find({ where: { saleId }, order: { position: 'ASC' } });
    return toSaleView(sale, items);
  }

  /** Lists sales newest business date first, each with its lines. */
  async list(principal: Principal, query: ListSalesQuery): Promise<Page<SaleView>> {
    if (query.from && query.to && query.from > query.to) {
      throw new AppException('INVALID_DATE_RANGE', { from: query.from, to: query.to });
    }
    const builder = this.dataSource
      .getRepository(Sale)
      .createQueryBuilder('sale')
      .where('sale.tenant_id = :tenantId AND sale.deleted_at IS NULL', {
        tenantId: principal.tenantId,
      });
    const limit = staffBranchLimit(principal);
    if (limit) builder.andWhere('sale.branch_id = ANY(:limit)', { limit });
    if (query.branchId)
      builder.andWhere('sale.branch_id = :branchId', { branchId: query.branchId });
    if (query.memberId)
      builder.andWhere('sale.member_id = :memberId', { memberId: query.memberId });
    if (query.from) builder.andWhere('sale.sold_on >= :from', { from: query.from });
    if (query.to) builder.andWhere('sale.sold_on <= :to', { to: query.to });

    const [sales, total] = await builder
      .orderBy('sale.sold_on', 'DESC')
      .addOrderBy('sale.created_at', 'DESC')
      .addOrderBy('sale.id', 'ASC')
      .offset((query.page - 1) * query.limit)
      .limit(query.limit)
      .getManyAndCount();

    const items =
      sales.length === 0
        ? []
        : await this.dataSource.getRepository(SaleItem).find({
            where: { saleId: In(sales.map((sale) => sale.id)) },
            order: { position: 'ASC' },
          });
    const views = sales.map((sale) =>
      toSaleView(
        sale,
        items.filter((item) => item.saleId === sale.id),
      ),
    );
    return toPage(views, total, query);
  }
}
