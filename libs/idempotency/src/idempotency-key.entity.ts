import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type IdempotencyKeyState = 'IN_PROGRESS' | 'COMPLETED';

/**
 * One Idempotency-Key of one user of one tenant, and the response of its first request once that
 * request completes. The table has no fixed schema: each service's DataSource `schema` decides.
 */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 100 })
  tenantId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 100 })
  userId!: string;

  @Column({ name: 'key', type: 'varchar', length: 255 })
  key!: string;

  /** SHA-256 hex of method, path and canonical body. */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 20 })
  state!: IdempotencyKeyState;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  /** The response body as the first request sent it, kept as text so a replay keeps its key order. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** While IN_PROGRESS: after this instant the first request counts as crashed and the key is free. */
  @Column({ name: 'locked_until', type: 'timestamptz' })
  lockedUntil!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
