import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A month `YYYY-MM` of a tenant whose revenue records may no longer change. */
@Entity({ name: 'revenue_month_locks' })
export class RevenueMonthLock {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  month!: string;

  @Column({ name: 'locked_by', type: 'uuid' })
  lockedBy!: string;

  @Column({ name: 'locked_at', type: 'timestamptz', insert: false, update: false })
  lockedAt!: Date;
}
