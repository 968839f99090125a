import { AppException, registerErrors } from '@gym/errors';
import type { Principal } from './principal.js';

registerErrors({
  BRANCH_NOT_ALLOWED: {
    status: 403,
    tr: 'Bu şubede ({{branchId}}) işlem yapma yetkiniz yok.',
    en: 'You are not allowed to act at the branch {{branchId}}.',
  },
});

/**
 * Returns the branches a STAFF user is limited to, or undefined when the caller may act in
 * every branch: ADMIN users, and STAFF users with no branches in their token.
 */
export function staffBranchLimit(principal: Principal): string[] | undefined {
  return principal.role === 'STAFF' && principal.branchIds.length > 0
    ? principal.branchIds
    : undefined;
}

/** Raises 403 BRANCH_NOT_ALLOWED when the caller is limited to branches that exclude `branchId`. */
export function assertBranchAllowed(principal: Principal, branchId: string | undefined): void {
  const limit = staffBranchLimit(principal);
  if (limit && branchId !== undefined && !limit.includes(branchId)) {
    throw new AppException('BRANCH_NOT_ALLOWED', { branchId });
  }
}
