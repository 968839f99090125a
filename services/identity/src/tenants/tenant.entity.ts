import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const subscriptionStatuses = ['TRIAL', 'ACTIVE', 'PAST_DUE', 'SUSPENDED'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** A gym account. Every other row of the platform belongs to exactly one tenant. */
@Entity({ name: 'tenants' })
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** IANA zone used for business dates and "today" in every service. */
  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'varchar', length: 5 })
  locale!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Replica of billing's subscription status, shown in /auth/me; billing is the owner. */
  @Column({ name: 'subscription_status', type: 'varchar', length: 16 })
  subscriptionStatus!: SubscriptionStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
