import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@gym/auth';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { catalogEventTypes } from '../common/catalog-events.js';
import { toPage, type Page } from '@gym/http';
import { escapeLike, foldForSearch } from '../common/turkish-fold.js';
import { isUniqueViolation } from '@gym/database';
import { assertActiveBranch } from '../replicas/branch-check.js';
import type { CreateProductDto, ListProductsQuery, UpdateProductDto } from './product.dto.js';
import { Product } from './product.entity.js';
import { assertPrice } from './product-rules.js';
import { productEventData, toProductView, type ProductView } from './product.view.js';

/** Unique index on the tenant and the folded name of non-archived products. */
const NAME_INDEX = 'products_tenant_name_key';
/** Unique index on the tenant and the SKU. */
const SKU_INDEX = 'products_tenant_sku_key';

/** Creates, changes, archives and lists products, each change with its event in one transaction. */
@Injectable()
export class ProductsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(tenantId: string, productId: string): Promise<ProductView> {
    const product = await this.dataSource
      .getRepository(Product)
      .findOneBy({ id: productId, tenantId });
    if (!product) throw new AppException('NOT_FOUND');
    return toProductView(product);
  }

  /** Lists products by folded name; `branchId` keeps that branch's and the tenant-wide ones. */
  async list(tenantId: string, query: ListProductsQuery): Promise<Page<ProductView>> {
    const builder = this.dataSource
      .getRepository(Product)
      .createQueryBuilder('product')
      .where('product.tenant_id = :tenantId', { tenantId });
    if (!query.includeArchived) builder.andWhere('product.archived_at IS NULL');
    if (query.branchId) {
      builder.andWhere('(product.branch_id IS NULL OR product.branch_id = :branchId)', {
        branchId: query.branchId,
      });
    }
    const search = query.search === undefined ? '' : foldForSearch(query.search);
    if (search) {
      builder.andWhere("product.search_text LIKE :pattern ESCAPE '\\'", {
        pattern: `%${escapeLike(search)}%`,
      });
    }

    const [products, total] = await builder
      .orderBy('product.search_text', 'ASC')
      .addOrderBy('product.id', 'ASC')
      .offset((query.page - 1) * query.limit)
      .limit(query.limit)
      .getManyAndCount();
    return toPage(products.map(toProductView), total, query);
  }

  async create(principal: Principal, fields: CreateProductDto): Promise<ProductView> {
    assertPrice(fields.price);
    const { tenantId } = principal;

    return this.write(fields, async (manager) => {
      if (fields.branchId) await assertActiveBranch(manager, tenantId, fields.branchId);
      const sku = fields.sku ?? null;
      const result = await manager.insert(Product, {
        tenantId,
        name: fields.name,
        searchText: searchTextOf(fields.name, sku),
        sku,
        price: fields.price,
        stockQuantity: fields.stockQuantity ?? null,
        branchId: fields.branchId ?? null,
      });
      const id = (result.identifiers[0] as { id: string }).id;
      return this.publish(manager, id, catalogEventTypes.productCreated);
    });
  }

  /** Changes a non-archived product; an archived one raises 409 PRODUCT_ARCHIVED. */
  async update(
    principal: Principal,
    productId: string,
    fields: UpdateProductDto,
  ): Promise<ProductView> {
    if (fields.price !== undefined) assertPrice(fields.price);
    const { tenantId } = principal;

    return this.write(fields, async (manager) => {
      const product = await this.lockActive(manager, tenantId, productId);
      if (fields.branchId) await assertActiveBranch(manager, tenantId, fields.branchId);

      const name = fields.name ?? product.name;
      const sku = fields.sku === undefined ? product.sku : fields.sku;
      await manager.update(
        Product,
        { id: product.id },
        {
          name,
          sku,
          searchText: searchTextOf(name, sku),
          price: fields.price ?? product.price,
          stockQuantity:
            fields.stockQuantity === undefined ? product.stockQuantity : fields.stockQuantity,
          branchId: fields.branchId === undefined ? product.branchId : fields.branchId,
          updatedAt: () => 'now()',
        },
      );
      return this.publish(manager, product.id, catalogEventTypes.productUpdated);
    });
  }

  /** Archives a product: it leaves the default list and can no longer be sold or changed. */
  async archive(principal: Principal, productId: string): Promise<ProductView> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.lockActive(manager, principal.tenantId, productId);
      await manager.update(
        Product,
        { id: product.id },
        { archivedAt: () => 'now()', updatedAt: () => 'now()' },
      );
      return this.publish(manager, product.id, catalogEventTypes.productArchived);
    });
  }

  private async lockActive(
    manager: EntityManager,
    tenantId: string,
    productId: string,
  ): Promise<Product> {
    const product = await manager
      .getRepository(Product)
      .createQueryBuilder('product')
      .setLock('pessimistic_write')
      .where('product.id = :productId AND product.tenant_id = :tenantId', { productId, tenantId })
      .getOne();
    if (!product) throw new AppException('NOT_FOUND');
    if (product.archivedAt) {
      throw new AppException('PRODUCT_ARCHIVED', { productName: product.name });
    }
    return product;
  }

  private async publish(manager: EntityManager, productId: string, type: string) {
    const product = await manager.getRepository(Product).findOneByOrFail({ id: productId });
    await enqueueEvent(manager, {
      type,
      tenantId: product.tenantId,
      data: productEventData(product),
    });
    return toProductView(product);
  }

  /** Runs a create or update, turning a violated name or SKU index into its 409. */
  private async write(
    fields: { name?: string; sku?: string | null },
    work: (manager: EntityManager) => Promise<ProductView>,
  ): Promise<ProductView> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, NAME_INDEX)) {
        throw new AppException('PRODUCT_NAME_TAKEN', { name: fields.name });
      }
      if (isUniqueViolation(error, SKU_INDEX)) {
        throw new AppException('PRODUCT_SKU_TAKEN', { sku: fields.sku });
      }
      throw error;
    }
  }
}

/** The folded name and SKU the `search` filter matches. */
function searchTextOf(name: string, sku: string | null): string {
  return sku ? `${foldForSearch(name)} ${foldForSearch(sku)}` : foldForSearch(name);
}
