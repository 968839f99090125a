import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One line of a sale, with the product's name and price at the time of the sale. */
@Entity({ name: 'sale_items' })
export class SaleItem {
  @PrimaryColumn({ name: 'sale_id', type: 'uuid' })
  saleId!: string;

  /** Order of the line in the sale, from 0. */
  @PrimaryColumn({ type: 'smallint' })
  position!: number;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'product_name', type: 'varchar', length: 120 })
  productName!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ name: 'unit_price', type: 'numeric', precision: 12, scale: 2 })
  unitPrice!: string;

  @Column({ name: 'line_total', type: 'numeric', precision: 16, scale: 2 })
  lineTotal!: string;

  /** True when the sale took `quantity` from the product's tracked stock; deletion gives it back. */
  @Column({ name: 'stock_taken', type: 'boolean' })
  stockTaken!: boolean;
}
