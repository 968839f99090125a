import type { Role } from '@gym/auth';
import type { User, UserStatus } from './user.entity.js';

/** A staff account as the API returns it. */
export interface UserView {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  status: UserStatus;
  branchIds: string[];
  createdAt: Date;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    status: user.status,
    branchIds: user.branchIds,
    createdAt: user.createdAt,
  };
}

/** Event data of a user: ids and access fields only, so no email or name leaves the service. */
export function userEventData(user: User) {
  return { userId: user.id, role: user.role, status: user.status, branchIds: user.branchIds };
}
