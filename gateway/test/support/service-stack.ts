import { uniqueName } from '@gym/testing';
import { startBillingProcess, type BillingProcess } from './billing-process.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.js';
import { startIdentityProcess, type IdentityProcess } from './identity-process.js';
import { startMembershipProcess, type MembershipProcess } from './membership-process.js';

/** Every service and the gateway as child processes on one events exchange of their own. */
export interface ServiceStack {
  identity: IdentityProcess;
  membership: MembershipProcess;
  billing: BillingProcess;
  gateway: GatewayProcess;
  close(): Promise<void>;
}

export interface ServiceStackOptions {
  /** Identity writes its mails as files here instead of sending them. */
  mailDir?: string;
  /** Gateway settings over the test defaults, such as a rate limit. */
  gatewayEnv?: Record<string, string>;
}

/** Starts identity, membership, billing and the gateway in dependency order. */
export async function startServiceStack(options: ServiceStackOptions = {}): Promise<ServiceStack> {
  const exchange = uniqueName('stack-events');
  const identity = await startIdentityProcess({ exchange, mailDir: options.mailDir });
  const membership = await startMembershipProcess({ identityUrl: identity.baseUrl, exchange });
  const billing = await startBillingProcess({ identityUrl: identity.baseUrl, exchange });
  const gateway = await startGatewayProcess({
    identityUrl: identity.baseUrl,
    membershipUrl: membership.baseUrl,
    billingUrl: billing.baseUrl,
    env: { ...options.gatewayEnv, AMQP_EVENTS_EXCHANGE: exchange },
  });

  return {
    identity,
    membership,
    billing,
    gateway,
    close: async () => {
      await gateway.close();
      await billing.close();
      await membership.close();
      await identity.close();
    },
  };
}
