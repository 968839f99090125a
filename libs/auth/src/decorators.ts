import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './principal.js';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** Marks a route that needs no access token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Restricts a route to the given roles; others get 403 FORBIDDEN_ROLE. */
export const Roles = (...required: Role[]) => SetMetadata(REQUIRED_ROLES, required);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** The tenant id of the verified token; never read from the body or query. */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<{ user: Principal }>().user.tenantId,
);
