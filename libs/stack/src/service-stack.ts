import { uniqueName } from '@gym/testing';
import { startBillingProcess, type BillingProcess } from './billing-process.js';
import { startCatalogProcess, type CatalogProcess } from './catalog-process.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.js';
import { startIdentityProcess, type IdentityProcess } from './identity-process.js';
import { startMembershipProcess, type MembershipProcess } from './membership-process.js';
import { startReportingProcess, type ReportingProcess } from './reporting-process.js';

/** Every service and the gateway as child processes on one events exchange of their own. */
export interface ServiceStack {
  identity: IdentityProcess;
  membership: MembershipProcess;
  billing: BillingProcess;
  /** Present when the stack was started with `catalog: true`. */
  catalog: CatalogProcess | undefined;
  /** Present when the stack was started with `reporting: true`. */
  reporting: ReportingProcess | undefined;
  gateway: GatewayProcess;
  close(): Promise<void>;
}

export interface ServiceStackOptions {
  /** Starts catalog too; without it the gateway's catalog routes lead to a closed port. */
  catalog?: boolean;
  /** Starts reporting too; without it the gateway's report routes lead to a closed port. */
  reporting?: boolean;
  /** Identity writes its mails as files here instead of sending them. */
  mailDir?: string;
  /** Gateway settings over the test defaults, such as a rate limit. */
  gatewayEnv?: Record<string, string>;
}

/** Starts identity, membership, billing, catalog and reporting when asked, then the gateway. */
export async function startServiceStack(options: ServiceStackOptions = {}): Promise<ServiceStack> {
  const exchange = uniqueName('stack-events');
  const identity = await startIdentityProcess({ exchange, mailDir: options.mailDir });
  const membership = await startMembershipProcess({ identityUrl: identity.baseUrl, exchange });
  const billing = await startBillingProcess({ identityUrl: identity.baseUrl, exchange });
  const catalog = options.catalog
    ? await startCatalogProcess({ identityUrl: identity.baseUrl, exchange })
    : undefined;
  const reporting = options.reporting
    ? await startReportingProcess({ identityUrl: identity.baseUrl, exchange })
    : undefined;
  const gateway = await startGatewayProcess({
    identityUrl: identity.baseUrl,
    membershipUrl: membership.baseUrl,
    billingUrl: billing.baseUrl,
    catalogUrl: catalog?.baseUrl,
    reportingUrl: reporting?.baseUrl,
    env: { ...options.gatewayEnv, AMQP_EVENTS_EXCHANGE: exchange },
  });

  return {
    identity,
    membership,
    billing,
    catalog,
    reporting,
    gateway,
    close: async () => {
      await gateway.close();
      await reporting?.close();
      await catalog?.close();
      await billing.close();
      await membership.close();
      await identity.close();
    },
  };
}
