import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNestServiceProcess, type NestServiceProcess } from './nest-service-process.js';
import { membershipMain, membershipMigrate } from './repository-paths.js';

export type MembershipProcess = NestServiceProcess;

export interface MembershipProcessOptions {
  /** Identity's base URL; membership reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange identity publishes its events to. */
  exchange: string;
}

/**
 * Migrates a new database and starts `services/membership/dist/src/main.js` on a free port,
 * verifying tokens against identity's JWKS and consuming identity's events from `exchange`.
 * Photos go to a temporary folder and the daily jobs are off.
 */
export async function startMembershipProcess(
  options: MembershipProcessOptions,
): Promise<MembershipProcess> {
  const photoDir = mkdtempSync(join(tmpdir(), 'gateway-membership-photos-'));
  const membership = await startNestServiceProcess({
    name: 'membership',
    main: membershipMain,
    migrate: membershipMigrate,
    ...options,
    env: { PHOTO_STORAGE_DIR: photoDir, JOBS_ENABLED: 'false' },
    exchanges: [`${options.exchange}.rpc`],
  });
  return {
    ...membership,
    close: async () => {
      await membership.close();
      rmSync(photoDir, { recursive: true, force: true });
    },
  };
}
