import { Column, Entity, PrimaryColumn } from 'typeorm';

export const subscriptionStatuses = ['TRIAL', 'ACTIVE', 'PAST_DUE', 'SUSPENDED'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** A tenant's subscription to the platform itself, not a member's membership. */
@Entity({ name: 'subscriptions' })
export class Subscription {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: SubscriptionStatus;

  @Column({ type: 'varchar', length: 40 })
  plan!: string;

  @Column({ name: 'trial_ends_at', type: 'timestamptz' })
  trialEndsAt!: Date;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
}
