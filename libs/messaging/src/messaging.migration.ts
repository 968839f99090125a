import { InboxMessage } from './inbox-message.entity.js';
import { OutboxEvent } from './outbox-event.entity.js';

/** Entity classes to add to a service's DataSource `entities`. */
export const messagingEntities = [OutboxEvent, InboxMessage];

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Returns the SQL that creates and drops the outbox and inbox tables in `schema`, for a service to
 * run inside its own migration. The schema must exist already. Every statement can run twice.
 */
export function messagingMigrationSql(schema: string): { up: string[]; down: string[] } {
  if (!schema)
    throw new Error('Missing schema for the messaging tables: pass the schema of the service');

  const quoted = quoteIdentifier(schema);
  const outbox = `${quoted}."outbox_event"`;
  const inbox = `${quoted}."inbox_message"`;

  return {
    up: [
      `CREATE TABLE IF NOT EXISTS ${outbox} (
        "id" uuid PRIMARY KEY,
        "type" varchar(255) NOT NULL,
        "tenant_id" varchar(100) NOT NULL,
        "payload" jsonb NOT NULL,
        "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "position" bigint GENERATED ALWAYS AS IDENTITY,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
        "last_error" text,
        "sent_at" timestamptz
      )`,
      `CREATE INDEX IF NOT EXISTS "outbox_event_unsent_idx" ON ${outbox} ("position") WHERE "sent_at" IS NULL`,
      `CREATE INDEX IF NOT EXISTS "outbox_event_sent_at_idx" ON ${outbox} ("sent_at") WHERE "sent_at" IS NOT NULL`,
      `CREATE TABLE IF NOT EXISTS ${inbox} (
        "event_id" uuid NOT NULL,
        "consumer" varchar(200) NOT NULL,
        "event_type" varchar(255) NOT NULL,
        "processed_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("event_id", "consumer")
      )`,
      `CREATE INDEX IF NOT EXISTS "inbox_message_processed_at_idx" ON ${inbox} ("processed_at")`,
    ],
    down: [`DROP TABLE IF EXISTS ${inbox}`, `DROP TABLE IF EXISTS ${outbox}`],
  };
}
