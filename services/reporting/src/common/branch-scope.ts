import { staffBranchLimit, type Principal } from '@gym/auth';
import { AppException } from '@gym/errors';

/**
 * The branches a report covers: the requested one, or every branch (null). A STAFF user whose
 * token lists branches sees only those: without `branchId` the report sums them, and another
 * branch answers 403 BRANCH_NOT_ALLOWED. ADMIN users and STAFF users without branches see all.
 */
export function branchScope(principal: Principal, branchId: string | undefined): string[] | null {
  const limit = staffBranchLimit(principal) ?? null;
  if (branchId === undefined) return limit;
  if (limit && !limit.includes(branchId))
    throw new AppException('BRANCH_NOT_ALLOWED', { branchId });
  return [branchId];
}

/** SQL condition on `branch_id` for the scope bound as parameter `$index` (a uuid[] or null). */
export function branchCondition(index: number, alias = ''): string {
  const column = alias ? `${alias}.branch_id` : 'branch_id';
  return `($${index}::uuid[] IS NULL OR ${column} = ANY($${index}::uuid[]))`;
}
