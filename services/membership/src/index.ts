export { createMembershipApp } from './create-app.js';
export { membershipConfigSchema, type MembershipConfig } from './config.js';
export { membershipErrors } from './common/membership-errors.js';
