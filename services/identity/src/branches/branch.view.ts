import type { Branch } from './branch.entity.js';

/** A branch as the API returns it. */
export interface BranchView {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  isDefault: boolean;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toBranchView(branch: Branch): BranchView {
  return {
    id: branch.id,
    name: branch.name,
    address: branch.address,
    phone: branch.phone,
    isDefault: branch.isDefault,
    archivedAt: branch.archivedAt,
    createdAt: branch.createdAt,
    updatedAt: branch.updatedAt,
  };
}

/** Event data of a branch: its id and business fields, no personal data. */
export function branchEventData(branch: Branch) {
  return {
    branchId: branch.id,
    name: branch.name,
    address: branch.address,
    phone: branch.phone,
    isDefault: branch.isDefault,
    archivedAt: branch.archivedAt?.toISOString() ?? null,
  };
}
