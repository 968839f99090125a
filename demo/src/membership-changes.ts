import { memberId, type DemoContext } from './demo-context.js';
import { planSpec } from './gym-profile.js';

/** Upgrades some members' plans (dated in the month, so they apply at once) and freezes others. */
export async function changeMemberships(context: DemoContext): Promise<void> {
  const { client, progress, data } = context;
  const { planChanges, freezes } = data.activity;
  progress.step(`${planChanges.length} plan changes and ${freezes.length} freezes`);

  for (const change of planChanges) {
    await client.call(
      'POST',
      `/api/v1/members/${memberId(context, change.memberPhone)}/plan-change`,
      {
        body: { planId: context.planIds.get(change.plan), startDate: change.startDate },
      },
    );
  }
  progress.table(
    ['member', 'new plan', 'from'],
    planChanges.map((change) => [
      memberName(context, change.memberPhone),
      planSpec(change.plan).name,
      change.startDate,
    ]),
  );

  // A freeze starts today or later, so these are the only dates of the demo after the month.
  for (const freeze of freezes) {
    const { memberPhone, ...body } = freeze;
    await client.call('POST', `/api/v1/members/${memberId(context, memberPhone)}/freeze`, { body });
  }
  progress.table(
    ['member', 'frozen from', 'to', 'reason'],
    freezes.map((freeze) => [
      memberName(context, freeze.memberPhone),
      freeze.startDate,
      freeze.endDate,
      freeze.reason,
    ]),
  );
}

function memberName(context: DemoContext, phone: string): string {
  const member = context.data.members.find((candidate) => candidate.phone === phone);
  return member ? `${member.firstName} ${member.lastName}` : phone;
}
