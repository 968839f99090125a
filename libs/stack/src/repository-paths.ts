import { resolve } from 'node:path';

/** The repository root, from libs/stack/dist/src. */
export const repositoryRoot = resolve(import.meta.dirname, '../../../..');

export const identityMain = resolve(repositoryRoot, 'services/identity/dist/src/main.js');
export const identityMigrate = resolve(repositoryRoot, 'services/identity/dist/src/migrate.js');
export const membershipMain = resolve(repositoryRoot, 'services/membership/dist/src/main.js');
export const membershipMigrate = resolve(repositoryRoot, 'services/membership/dist/src/migrate.js');
export const billingMain = resolve(repositoryRoot, 'services/billing/dist/src/main.js');
export const billingMigrate = resolve(repositoryRoot, 'services/billing/dist/src/migrate.js');
export const billingOps = resolve(repositoryRoot, 'services/billing/dist/src/ops.js');
export const catalogMain = resolve(repositoryRoot, 'services/catalog/dist/src/main.js');
export const catalogMigrate = resolve(repositoryRoot, 'services/catalog/dist/src/migrate.js');
export const reportingMain = resolve(repositoryRoot, 'services/reporting/dist/src/main.js');
export const reportingMigrate = resolve(repositoryRoot, 'services/reporting/dist/src/migrate.js');
export const reportingRebuild = resolve(repositoryRoot, 'services/reporting/dist/src/rebuild.js');
export const gatewayMain = resolve(repositoryRoot, 'gateway/dist/src/main.js');
export const telemetryRegister = resolve(repositoryRoot, 'libs/telemetry/dist/src/register.js');

export function requiredTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (scripts/test.mjs loads it from test.env)`);
  return value;
}
