import type { GymOwner, IdentityFlows } from './identity-flows.js';

/** How long membership may take to receive a new tenant's branch from identity's events. */
const REPLICA_DEADLINE_MS = 15_000;

/**
 * Creates a one-month plan of `branchId` as `owner`, retrying while membership returns
 * BRANCH_NOT_FOUND, because the tenant and branch replicas arrive as identity events after
 * signup. Fails with the response on any other status, or after the deadline.
 */
export async function createPlanOnceReplicated(
  flows: IdentityFlows,
  owner: GymOwner,
  branchId: string,
): Promise<{ id: string; name: string }> {
  const deadline = Date.now() + REPLICA_DEADLINE_MS;
  for (;;) {
    const response = await flows.call('POST', '/api/v1/membership-plans', {
      token: owner.accessToken,
      json: {
        name: 'Aylık Paket',
        scope: 'BRANCH',
        branchId,
        durationValue: 1,
        durationUnit: 'MONTH',
        price: '450.00',
      },
    });
    if (response.status === 201) return { id: response.body.id, name: response.body.name };
    if (response.body?.code !== 'BRANCH_NOT_FOUND') {
      throw new Error(`plan creation failed with ${response.status}: ${response.text}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`membership had no branch replica after ${REPLICA_DEADLINE_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
