import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const memberStatuses = ['ACTIVE', 'PASSIVE', 'FROZEN', 'ARCHIVED'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const genders = ['FEMALE', 'MALE', 'OTHER'] as const;
export type Gender = (typeof genders)[number];

/** A gym member and their current membership term. Dates are business dates `YYYY-MM-DD`. */
@Entity({ name: 'members' })
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 80 })
  lastName!: string;

  /** E.164, unique per tenant. */
  @Column({ type: 'varchar', length: 16 })
  phone!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  gender!: Gender | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @Column({ name: 'membership_start_date', type: 'date' })
  membershipStartDate!: string;

  @Column({ name: 'membership_end_date', type: 'date' })
  membershipEndDate!: string;

  /** Status as of the last write or daily status sync; reads compute it for today. */
  @Column({ type: 'varchar', length: 10 })
  status!: MemberStatus;

  /** Folded name and phone digits that search matches against (see foldForSearch). */
  @Column({ name: 'search_text', type: 'varchar', length: 400 })
  searchText!: string;

  @Column({ name: 'photo_key', type: 'varchar', length: 300, nullable: true })
  photoKey!: string | null;

  @Column({ name: 'photo_content_type', type: 'varchar', length: 40, nullable: true })
  photoContentType!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
