import type { DemoData } from './demo-data.js';
import type { GatewayClient } from './gateway-client.js';
import type { BranchName, PlanKey, ProductKey } from './gym-profile.js';
import type { Progress } from './progress.js';

/** State shared by the steps: the client, the printer, the month's data and the ids the API returned. */
export interface DemoContext {
  client: GatewayClient;
  progress: Progress;
  data: DemoData;
  /** `YYYY-MM-DD` today in the tenant's timezone. */
  today: string;
  branchIds: Map<BranchName, string>;
  planIds: Map<PlanKey, string>;
  /** Member ids by E.164 phone. */
  memberIds: Map<string, string>;
  productIds: Map<ProductKey, string>;
}

/** The member id of a phone of the generated file; the import must have created it. */
export function memberId(context: DemoContext, phone: string): string {
  const id = context.memberIds.get(phone);
  if (!id) throw new Error(`No member with the phone ${phone} was imported`);
  return id;
}
