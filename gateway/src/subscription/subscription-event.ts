import { isSubscriptionStatus, type SubscriptionStatus } from './subscription-access.js';

export const SUBSCRIPTION_STATUS_CHANGED = 'billing.subscription.status-changed';

/** The part of a `billing.subscription.status-changed` envelope the gateway uses. */
export interface SubscriptionStatusChange {
  eventId: string;
  tenantId: string;
  status: SubscriptionStatus;
  /** `data.changedAt`, or the envelope's `occurredAt` when billing did not send it. */
  changedAt: Date;
}

/** Raised for a message that is not a valid status change, which is dead-lettered, not retried. */
export class MalformedSubscriptionEventError extends Error {
  override name = 'MalformedSubscriptionEventError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** Parses an event envelope `{ id, type, version, occurredAt, tenantId, data }` from a message body. */
export function parseSubscriptionStatusChange(content: Buffer): SubscriptionStatusChange {
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw new MalformedSubscriptionEventError(
      `Message body is not JSON: ${(error as Error).message}`,
    );
  }
  if (!isRecord(body) || !isRecord(body.data)) {
    throw new MalformedSubscriptionEventError(
      'Message body is not an event envelope with a data object',
    );
  }

  const eventId = typeof body.id === 'string' ? body.id : '';
  if (body.type !== SUBSCRIPTION_STATUS_CHANGED) {
    throw new MalformedSubscriptionEventError(
      `Unexpected event type in event ${eventId}: ${String(body.type)}`,
    );
  }
  if (typeof body.tenantId !== 'string' || body.tenantId === '') {
    throw new MalformedSubscriptionEventError(`Missing tenantId in event ${eventId}`);
  }
  if (!isSubscriptionStatus(body.data.status)) {
    throw new MalformedSubscriptionEventError(
      `Invalid status in event ${eventId}: ${JSON.stringify(body.data.status)}`,
    );
  }

  const changedAt = parseTime(body.data.changedAt) ?? parseTime(body.occurredAt);
  if (!changedAt) {
    throw new MalformedSubscriptionEventError(
      `Missing changedAt and occurredAt in event ${eventId}`,
    );
  }
  return { eventId, tenantId: body.tenantId, status: body.data.status, changedAt };
}
