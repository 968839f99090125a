import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Local copy of the identity tenant settings catalog needs: the timezone above all. */
@Entity({ name: 'tenant_replicas' })
export class TenantReplica {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  /** `occurredAt` of the event the row was last written from; older events are ignored. */
  @Column({ name: 'source_occurred_at', type: 'timestamptz' })
  sourceOccurredAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
