import type { DemoContext } from './demo-context.js';
import type { GatewayClient } from './gateway-client.js';
import { DEFAULT_BRANCH, GYM_NAME, OWNER_NAME, planSpecs, secondBranch } from './gym-profile.js';
import type { Progress } from './progress.js';
import { retryWhileReplicaLags } from './retry.js';
import { waitForSignupCode } from './signup-code.js';

export interface Owner {
  email: string;
  password: string;
}

export interface SignedUpTenant {
  id: string;
  timezone: string;
}

/** Signs a new gym up: the code comes from the newest mail to the owner in `mailDir`. */
export async function signUpGym(
  client: GatewayClient,
  progress: Progress,
  owner: Owner,
  mailDir: string,
): Promise<SignedUpTenant> {
  progress.step(`Signing up "${GYM_NAME}" as ${owner.email}`);
  const requestedAt = new Date();
  await client.call('POST', '/api/v1/auth/signup/start', {
    body: { ...owner, fullName: OWNER_NAME, gymName: GYM_NAME },
  });
  const code = await waitForSignupCode(mailDir, owner.email, requestedAt);
  progress.info(`verification code ${code} read from ${mailDir}`);

  const session = await client.call<{
    accessToken: string;
    refreshToken: string;
    tenant: { id: string; timezone: string };
  }>('POST', '/api/v1/auth/signup/verify', { body: { email: owner.email, code } });
  client.accessToken = session.accessToken;
  client.refreshToken = session.refreshToken;
  progress.info(`tenant ${session.tenant.id} (${session.tenant.timezone}), signed in as ADMIN`);
  return session.tenant;
}

/** Adds the second branch and the six membership plans. */
export async function setUpBranchesAndPlans(context: DemoContext): Promise<void> {
  const { client, progress } = context;
  progress.step('Branches and membership plans');

  const branches = await client.call<{ data: { id: string; name: string }[] }>(
    'GET',
    '/api/v1/branches',
  );
  const defaultBranch = branches.data.find((branch) => branch.name === DEFAULT_BRANCH);
  if (!defaultBranch) throw new Error(`The new tenant has no "${DEFAULT_BRANCH}" branch`);
  context.branchIds.set(DEFAULT_BRANCH, defaultBranch.id);
  const created = await client.call<{ id: string }>('POST', '/api/v1/branches', {
    body: secondBranch,
  });
  context.branchIds.set(secondBranch.name, created.id);
  progress.info(`branches: ${DEFAULT_BRANCH} (default), ${secondBranch.name}`);

  for (const spec of planSpecs) {
    const { key: _key, branch, ...fields } = spec;
    const body = branch
      ? { ...fields, scope: 'BRANCH', branchId: context.branchIds.get(branch) }
      : { ...fields, scope: 'TENANT' };
    // Membership learns of a new branch from identity's event, a moment after it is created.
    const plan = await retryWhileReplicaLags(
      () => client.call<{ id: string }>('POST', '/api/v1/membership-plans', { body }),
      ['BRANCH_NOT_FOUND'],
    );
    context.planIds.set(spec.key, plan.id);
  }
  progress.table(
    ['plan', 'offered at', 'term', 'price'],
    planSpecs.map((spec) => [
      spec.name,
      spec.branch ?? 'every branch',
      `${spec.durationValue} ${spec.durationUnit === 'MONTH' ? 'month(s)' : 'days'}`,
      spec.price,
    ]),
  );
}
