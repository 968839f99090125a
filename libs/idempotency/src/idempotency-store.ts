import { setTimeout as sleep } from 'node:timers/promises';
import { AppException } from '@gym/errors';
import type { DataSource, EntityManager } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity.js';
import type { ResolvedIdempotencyOptions } from './idempotency.options.js';

/** The owner of a key: keys of different tenants or users never meet. */
export interface IdempotencyScope {
  tenantId: string;
  userId: string;
  key: string;
}

/** Next step of a request with a key: run the handler as the first request, or replay a response. */
export type IdempotencyDecision =
  { kind: 'first'; id: string } | { kind: 'replay'; status: number; body: string };

interface KeyRow {
  id: string;
  fingerprint: string;
  state: string;
  response_status: number | null;
  response_body: string | null;
}

/** Pause between two reads of a key whose first request is still running. */
const POLL_INTERVAL_MS = 25;

/**
 * Stores Idempotency-Keys in the service's database. Whether a request is the first with its key
 * is decided by one INSERT ... ON CONFLICT against the unique (tenant, user, key) constraint, so
 * concurrent requests cannot both run.
 */
export class IdempotencyStore {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ResolvedIdempotencyOptions,
  ) {
    this.table = dataSource
      .getMetadata(IdempotencyKey)
      .tablePath.split('.')
      .map((part) => `"${part.replaceAll('"', '""')}"`)
      .join('.');
  }

  /**
   * Claims the key for this request, or waits up to inProgressWaitMs for the first request with
   * it and replays that response. Raises 422 IDEMPOTENCY_KEY_REUSED for another fingerprint and
   * 409 IDEMPOTENCY_REQUEST_IN_PROGRESS when the first request is still running after the wait.
   */
  async begin(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyDecision> {
    const deadline = Date.now() + this.options.inProgressWaitMs;
    for (;;) {
      const claimed = await this.claim(scope, fingerprint);
      if (claimed) return { kind: 'first', id: claimed };

      const existing = await this.find(scope);
      if (!existing) continue;
      if (existing.fingerprint !== fingerprint) throw new AppException('IDEMPOTENCY_KEY_REUSED');
      if (existing.state === 'COMPLETED') {
        return { kind: 'replay', status: existing.response_status!, body: existing.response_body! };
      }
      if (Date.now() >= deadline) throw new AppException('IDEMPOTENCY_REQUEST_IN_PROGRESS');
      await sleep(POLL_INTERVAL_MS);
    }
  }

  /**
   * Stores the response of the first request so later requests with the key replay it. With a
   * manager the row is written in that transaction. A key completed already keeps its response.
   */
  async complete(
    id: string,
    status: number,
    body: string,
    manager: EntityManager | DataSource = this.dataSource,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET state = 'COMPLETED', response_status = $2, response_body = $3
        WHERE id = $1 AND state = 'IN_PROGRESS'`,
      [id, status, body],
    );
  }

  /** Frees the key of a failed request, so the client may retry it with the same key. */
  async release(id: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE id = $1 AND state = 'IN_PROGRESS'`,
      [id],
    );
  }

  /** Deletes the keys past their retention and returns how many there were. */
  async purgeExpired(): Promise<number> {
    const [, deleted] = await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE expires_at <= now()`,
    );
    return Number(deleted ?? 0);
  }

  /**
   * Inserts the key as IN_PROGRESS and returns its id, or returns undefined when a live row has
   * it. An expired row, or an IN_PROGRESS row past its lock timeout, is taken over in place.
   */
  private async claim(scope: IdempotencyScope, fingerprint: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO ${this.table} AS k
         (tenant_id, user_id, key, fingerprint, state, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, 'IN_PROGRESS',
               now() + make_interval(secs => $5::double precision / 1000),
               now() + make_interval(hours => $6::int))
       ON CONFLICT (tenant_id, user_id, key) DO UPDATE
         SET id = gen_random_uuid(), fingerprint = EXCLUDED.fingerprint, state = 'IN_PROGRESS',
             response_status = NULL, response_body = NULL, created_at = now(),
             locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= now() OR (k.state = 'IN_PROGRESS' AND k.locked_until <= now())
       RETURNING id`,
      [
        scope.tenantId,
        scope.userId,
        scope.key,
        fingerprint,
        this.options.lockTimeoutMs,
        Math.ceil(this.options.retentionHours),
      ],
    );
    return rows[0]?.id;
  }

  private async find(scope: IdempotencyScope): Promise<KeyRow | undefined> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT id, fingerprint, state, response_status, response_body FROM ${this.table}
        WHERE tenant_id = $1 AND user_id = $2 AND key = $3`,
      [scope.tenantId, scope.userId, scope.key],
    );
    return rows[0];
  }
}
