import type { EntityManager } from 'typeorm';
import { foldName } from '../common/turkish-fold.js';
import { Plan } from '../plans/plan.entity.js';
import { BranchReplica } from '../replicas/branch-replica.entity.js';
import type { RowProblem } from './import-row.js';

/** The tenant's branches and current plans by folded name, loaded once per import. */
export class ImportLookups {
  private constructor(
    private readonly branches: Map<string, BranchReplica>,
    private readonly defaultBranch: BranchReplica | undefined,
    private readonly plans: Plan[],
  ) {}

  static async load(manager: EntityManager, tenantId: string): Promise<ImportLookups> {
    const branches = await manager.getRepository(BranchReplica).findBy({ tenantId });
    const plans = await manager
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .where('plan.tenant_id = :tenantId AND plan.archived_at IS NULL', { tenantId })
      .getMany();
    return new ImportLookups(
      new Map(branches.map((branch) => [foldName(branch.name.trim()), branch])),
      branches.find((branch) => branch.isDefault && !branch.archivedAt),
      plans,
    );
  }

  /** Finds the named branch, or the default branch when the name is empty. */
  branch(name: string): BranchReplica | RowProblem {
    if (!name) {
      return this.defaultBranch ?? { code: 'NO_DEFAULT_BRANCH', field: 'branch' };
    }
    const branch = this.branches.get(foldName(name));
    if (!branch) return { code: 'UNKNOWN_BRANCH', field: 'branch', value: name };
    if (branch.archivedAt) return { code: 'BRANCH_ARCHIVED', field: 'branch', value: name };
    return branch;
  }

  /** Finds the named plan offered at the branch, preferring the branch's own plan to a TENANT plan. */
  plan(name: string, branchId: string): Plan | RowProblem {
    const folded = foldName(name);
    const matches = this.plans.filter(
      (plan) =>
        foldName(plan.name) === folded && (plan.scope === 'TENANT' || plan.branchId === branchId),
    );
    const plan = matches.find((candidate) => candidate.scope === 'BRANCH') ?? matches[0];
    return plan ?? { code: 'UNKNOWN_PLAN', field: 'plan', value: name };
  }
}
