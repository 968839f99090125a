import {
  SetMetadata,
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal, Role } from './principal.js';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** OpenAPI extension on an operation that needs no access token (`true`). */
export const PUBLIC_EXTENSION = 'x-public';
/** OpenAPI extension on an operation that only the listed roles may call. */
export const ROLES_EXTENSION = 'x-roles';

/**
 * Marks a route that needs no access token, and the route's OpenAPI operation with `x-public`, so
 * the document states what the guard enforces.
 */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_EXTENSION, true));

/**
 * Restricts a route to the given roles (others get 403 FORBIDDEN_ROLE) and lists them in the
 * route's OpenAPI operation as `x-roles`. On a controller it applies to every route of it; a
 * route's own @Roles() wins over the controller's in both the guard and the document.
 */
export const Roles = (...required: Role[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, required),
    ApiExtension(ROLES_EXTENSION, [...required]),
  );

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** The tenant id of the verified token; never read from the body or query. */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<{ user: Principal }>().user.tenantId,
);
