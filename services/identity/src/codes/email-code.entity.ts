import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const codePurposes = ['SIGNUP', 'PASSWORD_RESET', 'INVITATION'] as const;
export type CodePurpose = (typeof codePurposes)[number];

/**
 * A one-time code sent by email. Only an HMAC of the code is stored; the row is single use and
 * locks after the allowed number of wrong tries.
 */
@Entity({ name: 'email_codes' })
export class EmailCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  purpose!: CodePurpose;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'code_hash', type: 'bytea' })
  codeHash!: Buffer;

  /** What the code unlocks: the pending signup, or the user an invitation or reset is for. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
