import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '@gym/errors';
import { REQUIRED_ROLES } from './decorators.js';
import type { Principal, Role } from './principal.js';

/** Global guard that enforces @Roles(); runs after JwtAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required?.length) {
      return true;
    }

    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal || !required.includes(principal.role)) {
      throw new AppException('FORBIDDEN_ROLE');
    }
    return true;
  }
}
