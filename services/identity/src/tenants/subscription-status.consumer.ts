import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventConsumer, type EventEnvelope } from '@gym/messaging';
import { IDENTITY_SCHEMA } from '../database/schema.js';
import { subscriptionStatuses, type SubscriptionStatus } from './tenant.entity.js';

export const SUBSCRIPTION_STATUS_CHANGED = 'billing.subscription.status-changed';

interface StatusChangedData {
  tenantId: string;
  status: SubscriptionStatus;
  changedAt: string;
}

function parseStatusChange(envelope: EventEnvelope): StatusChangedData {
  const data = envelope.data as Partial<StatusChangedData> | null;
  const valid =
    typeof data?.tenantId === 'string' &&
    subscriptionStatuses.includes(data.status as SubscriptionStatus) &&
    typeof data.changedAt === 'string' &&
    !Number.isNaN(Date.parse(data.changedAt));
  if (!valid) {
    throw new Error(`${envelope.type} ${envelope.id} lacks tenantId, a known status or changedAt`);
  }
  return data as StatusChangedData;
}

/**
 * Keeps the tenant's subscription status, owned by billing, as a replica for `/auth/me`. An
 * event older than the stored change is ignored, so redelivered or reordered events cannot
 * bring back an old status.
 */
@Injectable()
export class SubscriptionStatusConsumer implements OnModuleInit {
  constructor(@Inject(EventConsumer) private readonly consumer: EventConsumer) {}

  onModuleInit(): void {
    this.consumer.register(SUBSCRIPTION_STATUS_CHANGED, (envelope, manager) =>
      this.apply(envelope, manager),
    );
  }

  private async apply(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    const change = parseStatusChange(envelope);
    await manager.query(
      `UPDATE ${IDENTITY_SCHEMA}.tenants
          SET subscription_status = $2, subscription_status_changed_at = $3
        WHERE id = $1
          AND (subscription_status_changed_at IS NULL OR subscription_status_changed_at <= $3)`,
      [change.tenantId, change.status, change.changedAt],
    );
  }
}
