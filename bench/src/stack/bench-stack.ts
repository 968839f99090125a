import {
  createPlanOnceReplicated,
  IdentityFlows,
  startBillingProcess,
  startCatalogProcess,
  startGatewayProcess,
  startIdentityProcess,
  startMembershipProcess,
  startReportingProcess,
  type BillingProcess,
  type CatalogProcess,
  type GatewayProcess,
  type GymOwner,
  type IdentityProcess,
  type MembershipProcess,
  type ReportingProcess,
} from '@gym/stack';
import { uniqueName } from '@gym/testing';
import { istanbulToday } from './istanbul-date.js';
import { retryUntilStatus } from './retry.js';

/** Rate limits far above any load the bench sends, so the limiter counts but never refuses. */
const UNLIMITED = '1000000000';

/**
 * Identity, membership, billing, reporting and catalog when asked, and the gateway as child
 * processes at the production log level. Each has its own database, exchange, queues and Redis
 * prefix. The stack comes with one signed-up gym with a plan and a member that billing has
 * already replicated.
 */
export interface BenchStack {
  identity: IdentityProcess;
  membership: MembershipProcess;
  billing: BillingProcess;
  /** Present when the stack was started with `reporting: true`. */
  reporting: ReportingProcess | undefined;
  /** Present when the stack was started with `catalog: true`. */
  catalog: CatalogProcess | undefined;
  gateway: GatewayProcess;
  flows: IdentityFlows;
  owner: GymOwner;
  branch: { id: string; name: string };
  plan: { id: string; name: string };
  memberId: string;
  close(): Promise<void>;
}

export interface BenchStackOptions {
  /** Starts reporting too, before the gym signs up, so its replicas see the gym's events. */
  reporting?: boolean;
  /** Starts catalog too, because reporting's rebuild requests its products and sales. */
  catalog?: boolean;
}

export async function startServices(
  options: BenchStackOptions = {},
): Promise<
  Pick<
    BenchStack,
    'identity' | 'membership' | 'billing' | 'reporting' | 'catalog' | 'gateway' | 'close'
  >
> {
  const exchange = uniqueName('bench-events');
  const identity = await startIdentityProcess({ exchange, logLevel: 'info' });
  const [membership, billing, reporting, catalog] = await Promise.all([
    startMembershipProcess({ identityUrl: identity.baseUrl, exchange }),
    startBillingProcess({ identityUrl: identity.baseUrl, exchange }),
    options.reporting
      ? startReportingProcess({ identityUrl: identity.baseUrl, exchange })
      : undefined,
    options.catalog ? startCatalogProcess({ identityUrl: identity.baseUrl, exchange }) : undefined,
  ]);
  const gateway = await startGatewayProcess({
    identityUrl: identity.baseUrl,
    membershipUrl: membership.baseUrl,
    billingUrl: billing.baseUrl,
    reportingUrl: reporting?.baseUrl,
    catalogUrl: catalog?.baseUrl,
    env: {
      AMQP_EVENTS_EXCHANGE: exchange,
      RATE_LIMIT_POINTS: UNLIMITED,
      AUTH_RATE_LIMIT_POINTS: UNLIMITED,
    },
  });
  return {
    identity,
    membership,
    billing,
    reporting,
    catalog,
    gateway,
    close: async () => {
      await gateway.close();
      await Promise.all([
        billing.close(),
        membership.close(),
        reporting?.close(),
        catalog?.close(),
      ]);
      await identity.close();
    },
  };
}

export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const services = await startServices(options);
  try {
    const flows = new IdentityFlows(services.gateway.baseUrl, services.identity.smtp);
    const owner = await flows.signUp('Bench Spor');
    const branch = await flows.defaultBranch(owner);
    const token = owner.accessToken;

    const plan = await createPlanOnceReplicated(flows, owner, branch.id);

    const member = await flows.call('POST', '/api/v1/members', {
      token,
      json: {
        firstName: 'Zeynep',
        lastName: 'Demir',
        phone: '0532 999 00 01',
        branchId: branch.id,
        planId: plan.id,
        membershipStartDate: istanbulToday(),
      },
    });
    if (member.status !== 201)
      throw new Error(`member creation failed with ${member.status}: ${member.text}`);
    const memberId = member.body.id as string;

    // Billing learns of the member from membership's event; the first payment proves it has.
    await retryUntilStatus(201, () =>
      flows.call('POST', '/api/v1/payments', {
        token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        json: { memberId, amount: '450.00', method: 'CASH', paidOn: istanbulToday() },
      }),
    );
    return { ...services, flows, owner, branch, plan, memberId };
  } catch (error) {
    await services.close();
    throw error;
  }
}
