import { randomBytes } from 'node:crypto';

/** Characters allowed in AMQP exchange and queue names that are also safe in Redis key prefixes. */
const PREFIX_PATTERN = /^[A-Za-z0-9._:-]+$/;

/**
 * Returns `<prefix>-<random>`, a name no other test run uses, for broker exchanges and queues
 * and Redis key prefixes.
 */
export function uniqueName(prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(
      `Invalid name prefix "${prefix}": use letters, digits, ".", "_", ":" or "-" (at least one)`,
    );
  }
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
