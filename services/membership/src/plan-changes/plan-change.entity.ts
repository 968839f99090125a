import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PlanChangeStatus = 'SCHEDULED' | 'APPLIED';

/**
 * One plan change of a member, kept as history. A change dated today or earlier is APPLIED when
 * requested; a later one stays SCHEDULED until the daily job applies this same row.
 */
@Entity({ name: 'plan_changes' })
export class PlanChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ name: 'from_plan_id', type: 'uuid' })
  fromPlanId!: string;

  @Column({ name: 'to_plan_id', type: 'uuid' })
  toPlanId!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: PlanChangeStatus;

  @Column({ name: 'previous_start_date', type: 'date' })
  previousStartDate!: string;

  @Column({ name: 'previous_end_date', type: 'date' })
  previousEndDate!: string;

  @Column({ name: 'new_end_date', type: 'date', nullable: true })
  newEndDate!: string | null;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  /** Failed attempts of the daily job to apply the change. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;
}
