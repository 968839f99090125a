import { randomUUID } from 'node:crypto';

/** A write the gateway acknowledged with a 2xx status, with the id its owning service assigned. */
export interface AcknowledgedWrite {
  kind: 'member' | 'payment' | 'sale';
  id: string;
  /** Money of the write in cents: a payment's amount or a sale's total; 0 for a member. */
  cents: number;
}

export interface WriteTargets {
  gatewayUrl: string;
  accessToken: string;
  branchId: string;
  planId: string;
  productId: string;
  memberId: string;
  today: string;
}

const METHODS = ['CASH', 'CREDIT_CARD', 'BANK_TRANSFER', 'OTHER'];
/** How long a write keyed by an Idempotency-Key is retried before it counts as not acknowledged. */
const RETRY_BUDGET_MS = 60_000;
const MAX_BACKOFF_MS = 4_000;

export function toCents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends members, payments and product sales through the gateway one after the other and keeps
 * the writes acknowledged with 2xx. Keyed writes are retried with the same Idempotency-Key and a
 * growing pause; a member, which has no key, is sent once.
 */
export class WriteStream {
  readonly acknowledged: AcknowledgedWrite[] = [];
  /** Writes that got no 2xx: refused, or out of retries. */
  unacknowledged = 0;
  /**
   * Those writes by kind, status and error code of their last attempt, such as `sale 503
   * MONTH_LOCK_CHECK_UNAVAILABLE`, or `none` in place of the status when no response came.
   */
  readonly unacknowledgedByFailure: Record<string, number> = {};
  /** Requests that failed and were sent again with the same key. */
  retries = 0;
  /** Those retries by kind, status and error code of the failed attempt, keyed as above. */
  readonly retriesByFailure: Record<string, number> = {};
  private sequence = 0;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly targets: WriteTargets) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Sends one write of each kind at once and resolves on the first acknowledgement. */
  async burst(): Promise<void> {
    const writes = [this.member(), this.payment(), this.sale()];
    await Promise.any(writes.map(async (write) => ((await write) ? true : Promise.reject())));
    void Promise.allSettled(writes);
  }

  /** Sends `count` payments at once and resolves with how many were acknowledged. */
  async payments(count: number): Promise<number> {
    const results = await Promise.all(Array.from({ length: count }, () => this.payment()));
    return results.filter(Boolean).length;
  }

  /** Resolves once `count` more writes were acknowledged. */
  async waitForAcknowledged(count: number, timeoutMs = 120_000): Promise<void> {
    const target = this.acknowledged.length + count;
    const deadline = Date.now() + timeoutMs;
    while (this.acknowledged.length < target) {
      if (Date.now() > deadline) {
        throw new Error(`Fewer than ${count} writes acknowledged within ${timeoutMs} ms`);
      }
      await pause(100);
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      await this.member();
      await this.payment();
      await this.sale();
    }
  }

  private member(): Promise<boolean> {
    const n = this.sequence++;
    const phone = `532${String(n).padStart(7, '0')}`;
    const body = {
      firstName: 'Ayşe',
      lastName: `Çelik ${n}`,
      phone,
      branchId: this.targets.branchId,
      planId: this.targets.planId,
      membershipStartDate: this.targets.today,
    };
    return this.send('member', '/api/v1/members', body, undefined, () => 0);
  }

  private payment(): Promise<boolean> {
    const n = this.sequence++;
    const body = {
      memberId: this.targets.memberId,
      amount: `${100 + (n % 50)}.25`,
      method: METHODS[n % METHODS.length],
      paidOn: this.targets.today,
    };
    return this.send('payment', '/api/v1/payments', body, randomUUID(), (json) =>
      toCents(json.amount as string),
    );
  }

  private sale(): Promise<boolean> {
    const n = this.sequence++;
    const body = {
      branchId: this.targets.branchId,
      items: [{ productId: this.targets.productId, quantity: 1 + (n % 3) }],
      paymentMethod: METHODS[n % METHODS.length],
      soldOn: this.targets.today,
    };
    return this.send('sale', '/api/v1/product-sales', body, randomUUID(), (json) =>
      toCents(json.total as string),
    );
  }

  private async send(
    kind: AcknowledgedWrite['kind'],
    path: string,
    body: unknown,
    idempotencyKey: string | undefined,
    cents: (json: Record<string, unknown>) => number,
  ): Promise<boolean> {
    const deadline = Date.now() + RETRY_BUDGET_MS;
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let code = '';
      try {
        const response = await fetch(`${this.targets.gatewayUrl}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.targets.accessToken}`,
            'content-type': 'application/json',
            ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        const json = (await response.json()) as Record<string, unknown>;
        if (response.ok) {
          this.acknowledged.push({ kind, id: json.id as string, cents: cents(json) });
          return true;
        }
        code = typeof json.code === 'string' ? json.code : '';
      } catch {
        // No response, because the gateway or the owning service was down or the request timed out.
      }
      const failure = [kind, status === 0 ? 'none' : status, code].filter(Boolean).join(' ');
      const retriable = status === 0 || status >= 500 || status === 409 || status === 429;
      if (!idempotencyKey || !retriable || Date.now() > deadline) {
        this.unacknowledged++;
        this.unacknowledgedByFailure[failure] = (this.unacknowledgedByFailure[failure] ?? 0) + 1;
        return false;
      }
      this.retries++;
      this.retriesByFailure[failure] = (this.retriesByFailure[failure] ?? 0) + 1;
      await pause(Math.min(250 * 2 ** attempt, MAX_BACKOFF_MS));
    }
  }
}
