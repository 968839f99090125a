import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startNestServiceProcess, type NestServiceProcess } from './nest-service-process.js';
import { billingMain, billingMigrate, billingOps } from './repository-paths.js';

const run = promisify(execFile);

export interface BillingProcess extends NestServiceProcess {
  /** Runs billing's `ops set-status`, which publishes the change through billing's outbox. */
  setSubscriptionStatus(tenantId: string, status: string): Promise<void>;
}

export interface BillingProcessOptions {
  /** Identity's base URL; billing reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange the services publish their events to. */
  exchange: string;
}

/**
 * Migrates a new database and starts `services/billing/dist/src/main.js` on a free port,
 * verifying tokens against identity's JWKS and consuming identity's and membership's events from
 * `exchange`. The subscription job is off, so only `setSubscriptionStatus` changes a status.
 */
export async function startBillingProcess(options: BillingProcessOptions): Promise<BillingProcess> {
  const billing = await startNestServiceProcess({
    name: 'billing',
    main: billingMain,
    migrate: billingMigrate,
    ...options,
    env: { JOBS_ENABLED: 'false' },
  });
  return {
    ...billing,
    setSubscriptionStatus: async (tenantId, status) => {
      await run(process.execPath, [billingOps, 'set-status', tenantId, status], {
        env: { ...process.env, ...billing.env },
      });
    },
  };
}
