import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '@gym/auth';

export const userStatuses = ['INVITED', 'ACTIVE', 'DISABLED'] as const;
export type UserStatus = (typeof userStatuses)[number];

/** A staff account of a tenant. The email is unique across the platform (stored lower-case). */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 120 })
  fullName!: string;

  /** argon2id hash; null until an invited user accepts the invitation. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 10 })
  role!: Role;

  @Column({ type: 'varchar', length: 10 })
  status!: UserStatus;

  /** Branches a STAFF user works in; empty means every branch. */
  @Column({ name: 'branch_ids', type: 'uuid', array: true, default: () => "'{}'" })
  branchIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
