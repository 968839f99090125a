import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A product a gym sells over the counter, for every branch or for one branch. */
@Entity({ name: 'products' })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** Name and SKU folded by foldForSearch, matched by the `search` filter. */
  @Column({ name: 'search_text', type: 'varchar', length: 250 })
  searchText!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sku!: string | null;

  /** Decimal string with two decimals, as node-postgres returns numeric(12,2). */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  price!: string;

  /** Units in stock; null when the product's stock is not tracked. */
  @Column({ name: 'stock_quantity', type: 'integer', nullable: true })
  stockQuantity!: number | null;

  /** The one branch that sells the product; null for every branch of the tenant. */
  @Column({ name: 'branch_id', type: 'uuid', nullable: true })
  branchId!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt!: Date;
}
