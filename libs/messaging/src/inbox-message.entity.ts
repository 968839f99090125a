import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer has processed. Its key makes handlers idempotent under redelivery. */
@Entity({ name: 'inbox_message' })
export class InboxMessage {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** Name of the consuming service. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  consumer!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 255 })
  eventType!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', insert: false, update: false })
  processedAt!: Date;
}
