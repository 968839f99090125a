import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { REDIS } from '../common/tokens.js';
import { AttemptLimiter } from './attempt-limiter.js';

/** The per-email limits of identity: failed logins, and code mails (signup, reset). */
@Injectable()
export class AttemptLimits {
  readonly loginFailures: AttemptLimiter;
  readonly codeRequests: AttemptLimiter;

  constructor(@Inject(REDIS) redis: Redis, @Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    this.loginFailures = new AttemptLimiter(
      redis,
      'login-failures',
      config.LOGIN_FAILURES_PER_EMAIL,
      config.LOGIN_FAILURE_WINDOW_SECONDS,
      config.REDIS_KEY_PREFIX,
    );
    this.codeRequests = new AttemptLimiter(
      redis,
      'code-requests',
      config.CODE_REQUESTS_PER_EMAIL,
      config.CODE_REQUEST_WINDOW_SECONDS,
      config.REDIS_KEY_PREFIX,
    );
  }
}
