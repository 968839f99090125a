import { startNestServiceProcess, type NestServiceProcess } from './nest-service-process.js';
import { catalogMain, catalogMigrate } from './repository-paths.js';

export type CatalogProcess = NestServiceProcess;

export interface CatalogProcessOptions {
  /** Identity's base URL; catalog reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange the services publish their events to; its `.rpc` twin carries billing's month lock RPC. */
  exchange: string;
}

/**
 * Migrates a new database and starts `services/catalog/dist/src/main.js` on a free port,
 * verifying tokens against identity's JWKS, consuming identity's and membership's events from
 * `exchange` and asking billing for month locks over RPC.
 */
export async function startCatalogProcess(options: CatalogProcessOptions): Promise<CatalogProcess> {
  return startNestServiceProcess({
    name: 'catalog',
    main: catalogMain,
    migrate: catalogMigrate,
    ...options,
  });
}
