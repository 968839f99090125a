import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';

/** Key in `QueryRunner.data` set when a transaction wrote an outbox row. */
const OUTBOX_PENDING = 'outboxPending';

export function markOutboxPending(queryRunner: QueryRunner): void {
  queryRunner.data = { ...queryRunner.data, [OUTBOX_PENDING]: true };
}

/**
 * Wakes the relay right after a transaction that wrote outbox rows commits, so events leave
 * without waiting for the next poll. The poll remains the fallback. The flag stays set, because
 * every subscriber of the DataSource (one per application using it) must see it.
 */
export class OutboxCommitSubscriber implements EntitySubscriberInterface {
  constructor(private readonly wake: () => void) {}

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown> | undefined;
    if (data?.[OUTBOX_PENDING]) {
      this.wake();
    }
  }
}
