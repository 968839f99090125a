import type { Redis } from 'ioredis';
import { isSubscriptionStatus, type SubscriptionStatus } from './subscription-access.js';

// Events may arrive out of order (outbox relays, requeues), so a change older than the stored one
// is ignored. KEYS[1] is the tenant's hash; ARGV is the status and the change time in epoch ms.
const SAVE_IF_NEWER = `
local stored = redis.call('HGET', KEYS[1], 'changedAtMs')
if stored and tonumber(stored) > tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'changedAtMs', ARGV[2])
return 1`;

/**
 * Each tenant's subscription status in Redis, shared by every gateway replica. Keys are
 * `<REDIS_KEY_PREFIX>gateway:subscription:<tenantId>` hashes of `status` and `changedAtMs`.
 */
export class SubscriptionStatusStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /** Stores the status unless a later change is stored already; returns whether it was stored. */
  async save(tenantId: string, status: SubscriptionStatus, changedAt: Date): Promise<boolean> {
    const stored = await this.redis.eval(
      SAVE_IF_NEWER,
      1,
      this.keyOf(tenantId),
      status,
      String(changedAt.getTime()),
    );
    return stored === 1;
  }

  /** Returns the stored status, or undefined when no change was received for the tenant. */
  async find(tenantId: string): Promise<SubscriptionStatus | undefined> {
    const status = await this.redis.hget(this.keyOf(tenantId), 'status');
    return isSubscriptionStatus(status) ? status : undefined;
  }

  private keyOf(tenantId: string): string {
    return `${this.keyPrefix}gateway:subscription:${tenantId}`;
  }
}
