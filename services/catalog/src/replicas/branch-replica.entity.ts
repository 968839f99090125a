import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Local copy of an identity branch: whether it exists, its name and whether it is archived. */
@Entity({ name: 'branch_replicas' })
export class BranchReplica {
  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  /** `occurredAt` of the event the row was last written from; older events are ignored. */
  @Column({ name: 'source_occurred_at', type: 'timestamptz' })
  sourceOccurredAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
