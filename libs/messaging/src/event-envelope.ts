import { randomUUID } from 'node:crypto';

/** A domain event as it travels between services. */
export interface EventEnvelope<T = unknown> {
  /** UUID v4, unique per event, which consumers deduplicate on. */
  id: string;
  /** Routing key `<service>.<aggregate>.<event>`, for example `membership.member.created`. */
  type: string;
  /** Schema version of `data`, starting at 1. */
  version: number;
  /** ISO 8601 UTC time at which the event happened. */
  occurredAt: string;
  tenantId: string;
  data: T;
}

/** The caller's part of an event. The id and time are added when it is enqueued. */
export interface NewEvent<T = unknown> {
  type: string;
  tenantId: string;
  data: T;
  version?: number;
}

/** Raised for a message that is not a valid event envelope. Such a message goes to the dead-letter queue at once. */
export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
}

const EVENT_TYPE_PATTERN = /^[a-z0-9_-]+\.[a-z0-9_-]+\.[a-z0-9_-]+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isValidEventType(type: string): boolean {
  return EVENT_TYPE_PATTERN.test(type);
}

export function createEventEnvelope<T>(event: NewEvent<T>): EventEnvelope<T> {
  if (!isValidEventType(event.type)) {
    throw new Error(
      `Invalid event type "${event.type}": expected <service>.<aggregate>.<event> in lower case, for example membership.member.created`,
    );
  }
  if (!event.tenantId) throw new Error(`Missing tenantId for event ${event.type}`);

  const version = event.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new Error(
      `Invalid version ${version} for event ${event.type}: expected an integer of at least 1`,
    );
  }

  return {
    id: randomUUID(),
    type: event.type,
    version,
    occurredAt: new Date().toISOString(),
    tenantId: event.tenantId,
    data: event.data,
  };
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

/** Parses a message body into an envelope, raising MalformedEventError when it is not JSON or lacks a field. */
export function parseEventEnvelope(content: Buffer): EventEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw new MalformedEventError(`Message body is not JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedEventError('Message body is not a JSON object');
  }

  const envelope = body as Partial<EventEnvelope>;
  if (typeof envelope.id !== 'string' || !UUID_PATTERN.test(envelope.id)) {
    throw new MalformedEventError(`Invalid or missing event id: ${describe(envelope.id)}`);
  }
  if (typeof envelope.type !== 'string' || !envelope.type) {
    throw new MalformedEventError(`Missing event type in event ${envelope.id}`);
  }
  if (!Number.isInteger(envelope.version)) {
    throw new MalformedEventError(
      `Invalid or missing version in event ${envelope.id}: ${describe(envelope.version)}`,
    );
  }
  if (typeof envelope.occurredAt !== 'string' || Number.isNaN(Date.parse(envelope.occurredAt))) {
    throw new MalformedEventError(
      `Invalid or missing occurredAt in event ${envelope.id}: ${describe(envelope.occurredAt)}`,
    );
  }
  if (typeof envelope.tenantId !== 'string' || !envelope.tenantId) {
    throw new MalformedEventError(`Missing tenantId in event ${envelope.id}`);
  }
  if (!('data' in envelope)) {
    throw new MalformedEventError(`Missing data in event ${envelope.id}`);
  }

  return envelope as EventEnvelope;
}
