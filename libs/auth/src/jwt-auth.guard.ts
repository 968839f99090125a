import {
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '@gym/errors';
import { PUBLIC_ROUTE } from './decorators.js';
import { AUTH_OPTIONS, type AuthOptions } from './jwt.strategy.js';

/** Operational routes of every service that probes and scrapers call without a token. */
export const defaultPublicPaths = ['/health/live', '/health/ready', '/metrics'];

/**
 * Creates the global guard for the strategy of that name: every route needs a valid access token unless marked @Public() or listed in
 * `publicPaths` (the probes and metrics, whose controllers live in libraries without auth).
 */
export function createJwtAuthGuard(strategyName: string): Type<CanActivate> {
  @Injectable()
  class JwtAuthGuard extends AuthGuard(strategyName) {
    private readonly publicPaths: Set<string>;

    constructor(
      private readonly reflector: Reflector,
      @Inject(AUTH_OPTIONS) options: AuthOptions,
    ) {
      super();
      this.publicPaths = new Set(options.publicPaths ?? defaultPublicPaths);
    }

    override canActivate(context: ExecutionContext) {
      const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
        context.getHandler(),
        context.getClass(),
      ]);
      const path = context.switchToHttp().getRequest<{ path?: string }>().path;
      return isPublic || (path !== undefined && this.publicPaths.has(path))
        ? true
        : super.canActivate(context);
    }

    override handleRequest<TUser>(error: unknown, user: TUser): TUser {
      if (error instanceof AppException) {
        throw error;
      }
      if (error || !user) {
        throw new AppException('UNAUTHENTICATED');
      }
      return user;
    }
  }
  return JwtAuthGuard;
}
