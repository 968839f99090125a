import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from './event-envelope.js';
import type { MessageHeaders } from './message-context.js';

/**
 * An event waiting in the transactional outbox, written in the same transaction as the state change.
 * The table has no fixed schema: each service's DataSource `schema` decides where it lives.
 */
@Entity({ name: 'outbox_event' })
export class OutboxEvent {
  /** The envelope id. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  type!: string;

  @Column({ name: 'tenant_id', type: 'varchar', length: 100 })
  tenantId!: string;

  @Column({ type: 'jsonb' })
  payload!: EventEnvelope;

  /** Trace context and request id captured when the event was enqueued. */
  @Column({ type: 'jsonb' })
  headers!: MessageHeaders;

  /** Insertion order, assigned by the database. */
  @Column({ type: 'bigint', insert: false, update: false })
  position!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  /** Failed publish attempts so far. */
  @Column({ type: 'integer', insert: false })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', insert: false })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true, insert: false })
  lastError!: string | null;

  /** Time of the broker's confirm, null while the event is unsent. */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true, insert: false })
  sentAt!: Date | null;
}
