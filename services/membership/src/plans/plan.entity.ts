import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const planScopes = ['TENANT', 'BRANCH'] as const;
export type PlanScope = (typeof planScopes)[number];

export const durationUnits = ['DAY', 'MONTH'] as const;
export type DurationUnit = (typeof durationUnits)[number];

/** A membership plan a gym sells: for every branch (TENANT) or for one branch (BRANCH). */
@Entity({ name: 'plans' })
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  scope!: PlanScope;

  @Column({ name: 'branch_id', type: 'uuid', nullable: true })
  branchId!: string | null;

  @Column({ name: 'duration_value', type: 'int' })
  durationValue!: number;

  @Column({ name: 'duration_unit', type: 'varchar', length: 10 })
  durationUnit!: DurationUnit;

  /** Decimal string with two places, as node-postgres returns numeric(12,2). */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  price!: string;

  @Column({ name: 'session_count', type: 'int', nullable: true })
  sessionCount!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
