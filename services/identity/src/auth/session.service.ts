import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import type { Logger } from 'pino';
import { PINO_LOGGER } from '../common/tokens.js';
import { AccessTokenSigner } from '../keys/access-token.signer.js';
import { User } from '../users/user.entity.js';
import { RefreshToken } from './refresh-token.entity.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Sessions: a family of refresh tokens. Each refresh rotates the token; presenting a rotated
 * token again revokes the whole family (reuse detection). Access tokens stay stateless and
 * expire on their own within ACCESS_TOKEN_TTL_SECONDS after a revocation.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly signer: AccessTokenSigner,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  /** Starts a new session family for the user in the caller's transaction. */
  async start(manager: EntityManager, user: User): Promise<TokenPair> {
    return this.issue(manager, user, randomUUID());
  }

  /** Exchanges a refresh token for a new pair, detecting reuse of rotated tokens. */
  async rotate(presentedToken: string): Promise<TokenPair> {
    type Outcome =
      { error: 'REFRESH_TOKEN_INVALID' | 'REFRESH_TOKEN_REUSED' } | { pair: TokenPair };
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const current = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('token')
        .setLock('pessimistic_write')
        .where('token.token_hash = :hash', { hash: hashToken(presentedToken) })
        .getOne();

      if (!current || current.revokedAt || current.expiresAt.getTime() <= Date.now()) {
        return { error: 'REFRESH_TOKEN_INVALID' };
      }
      // A revocation that ran while another refresh of this family was inserting its new token
      // could not see that row, so a revoked token anywhere in the family ends the family.
      const familyRevoked = await manager.existsBy(RefreshToken, {
        familyId: current.familyId,
        revokedAt: Not(IsNull()),
      });
      if (familyRevoked) {
        await this.revokeFamily(manager, current.familyId, 'FAMILY_REVOKED');
        return { error: 'REFRESH_TOKEN_INVALID' };
      }
      if (current.rotatedAt) {
        await this.revokeFamily(manager, current.familyId, 'REUSE_DETECTED');
        this.logger.warn(
          { userId: current.userId, tenantId: current.tenantId, familyId: current.familyId },
          'Rotated refresh token presented again; session family revoked',
        );
        return { error: 'REFRESH_TOKEN_REUSED' };
      }

      const user = await manager.findOneBy(User, {
        id: current.userId,
        tenantId: current.tenantId,
      });
      if (!user || user.status !== 'ACTIVE') {
        await this.revokeFamily(manager, current.familyId, 'USER_NOT_ACTIVE');
        return { error: 'REFRESH_TOKEN_INVALID' };
      }

      await manager.update(RefreshToken, { id: current.id }, { rotatedAt: new Date() });
      return { pair: await this.issue(manager, user, current.familyId) };
    });

    if ('error' in outcome) {
      throw new AppException(outcome.error);
    }
    return outcome.pair;
  }

  /** Ends the session of a refresh token if it belongs to the user; unknown tokens are ignored. */
  async end(presentedToken: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOneBy(RefreshToken, {
        tokenHash: hashToken(presentedToken),
        userId,
      });
      if (token) {
        await this.revokeFamily(manager, token.familyId, 'LOGOUT');
      }
    });
  }

  async revokeFamily(manager: EntityManager, familyId: string, reason: string): Promise<void> {
    await manager.update(
      RefreshToken,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokeReason: reason },
    );
  }

  /** Revokes every session of a user, optionally keeping one family (the caller's own). */
  async revokeAllForUser(
    manager: EntityManager,
    userId: string,
    reason: string,
    keepFamilyId?: string,
  ): Promise<void> {
    const query = manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()', revokeReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keepFamilyId) {
      query.andWhere('family_id <> :keepFamilyId', { keepFamilyId });
    }
    await query.execute();
  }

  private async issue(manager: EntityManager, user: User, familyId: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      tokenHash: hashToken(refreshToken),
      familyId,
      userId: user.id,
      tenantId: user.tenantId,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
    });

    const accessToken = await this.signer.sign({
      sub: user.id,
      tid: user.tenantId,
      role: user.role,
      bids: user.branchIds,
      sid: familyId,
    });
    return { accessToken, refreshToken, expiresIn: this.signer.ttlSeconds };
  }
}
