import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { codeMatches, generateCode, hashCode } from './code-hash.js';
import { EmailCode, type CodePurpose } from './email-code.entity.js';

type Verification<T> = { ok: true; value: T } | { ok: false; code: string };

/**
 * One-time email codes: issuing replaces any pending code of the same purpose and email;
 * verifying is single use, expires after CODE_TTL_SECONDS and locks after
 * CODE_MAX_FAILED_ATTEMPTS wrong tries.
 */
@Injectable()
export class EmailCodeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** Stores a new code in the caller's transaction and returns it in clear for the mail. */
  async issue(
    manager: EntityManager,
    purpose: CodePurpose,
    email: string,
    payload: Record<string, unknown>,
  ): Promise<string> {
    const normalizedEmail = email.toLowerCase();
    await manager.update(
      EmailCode,
      { purpose, email: normalizedEmail, consumedAt: IsNull() },
      { consumedAt: new Date() },
    );

    const code = generateCode();
    await manager.insert(EmailCode, {
      purpose,
      email: normalizedEmail,
      codeHash: hashCode(this.config.CODE_HASH_SECRET, purpose, normalizedEmail, code),
      payload: payload as never,
      expiresAt: new Date(Date.now() + this.config.CODE_TTL_SECONDS * 1000),
    });
    return code;
  }

  /**
   * Checks the code and, when it matches, consumes it and runs `action` in the same
   * transaction. A wrong code's failed try is committed before the error is raised.
   */
  async consume<T>(
    purpose: CodePurpose,
    email: string,
    code: string,
    action: (payload: Record<string, unknown>, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const normalizedEmail = email.toLowerCase();
    const result = await this.dataSource.transaction(async (manager): Promise<Verification<T>> => {
      const pending = await manager
        .getRepository(EmailCode)
        .createQueryBuilder('code')
        .setLock('pessimistic_write')
        .where('lower(code.email) = :email', { email: normalizedEmail })
        .andWhere('code.purpose = :purpose', { purpose })
        .andWhere('code.consumed_at IS NULL')
        .orderBy('code.created_at', 'DESC')
        .getOne();

      if (!pending) return { ok: false, code: 'CODE_INVALID' };
      if (pending.failedAttempts >= this.config.CODE_MAX_FAILED_ATTEMPTS) {
        return { ok: false, code: 'CODE_LOCKED' };
      }
      if (pending.expiresAt.getTime() <= Date.now()) return { ok: false, code: 'CODE_EXPIRED' };

      const presented = hashCode(this.config.CODE_HASH_SECRET, purpose, normalizedEmail, code);
      if (!codeMatches(pending.codeHash, presented)) {
        await manager.increment(EmailCode, { id: pending.id }, 'failedAttempts', 1);
        return { ok: false, code: 'CODE_INVALID' };
      }

      await manager.update(EmailCode, { id: pending.id }, { consumedAt: new Date() });
      return { ok: true, value: await action(pending.payload, manager) };
    });

    if (!result.ok) {
      throw new AppException(result.code);
    }
    return result.value;
  }
}
