import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const paymentMethods = ['CASH', 'CREDIT_CARD', 'BANK_TRANSFER', 'OTHER'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export type PaymentStatus = 'RECORDED' | 'CORRECTED';

/** A member's payment. A correction is a new payment that replaces a CORRECTED original. */
@Entity({ name: 'payments' })
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  /** The member's branch when the payment was recorded. */
  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  /** Decimal string with two decimals, as node-postgres returns numeric(12,2). */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount!: string;

  @Column({ type: 'varchar', length: 20 })
  method!: PaymentMethod;

  /** Business date in the tenant's timezone. */
  @Column({ name: 'paid_on', type: 'date' })
  paidOn!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentStatus;

  @Column({ name: 'corrects_payment_id', type: 'uuid', nullable: true })
  correctsPaymentId!: string | null;

  @Column({ name: 'corrected_by_payment_id', type: 'uuid', nullable: true })
  correctedByPaymentId!: string | null;

  @Column({ name: 'correction_reason', type: 'varchar', length: 500, nullable: true })
  correctionReason!: string | null;

  /** User id of the caller who recorded the payment or the correction. */
  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'corrected_at', type: 'timestamptz', nullable: true })
  correctedAt!: Date | null;
}
