import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Local copy of a membership member: that it exists in its tenant, its branch and status. */
@Entity({ name: 'member_replicas' })
export class MemberReplica {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  /** `occurredAt` of the event the row was last written from; older events are ignored. */
  @Column({ name: 'source_occurred_at', type: 'timestamptz' })
  sourceOccurredAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
