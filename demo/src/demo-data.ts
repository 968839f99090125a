import { planActivity, type ActivityPlan } from './activity-plan.js';
import type { DemoSize } from './demo-size.js';
import { generateMembers, type MemberRecord } from './member-records.js';
import { toMembersCsv } from './members-csv.js';

/** Everything the driver sends for one month: the member file and the month's activity. */
export interface DemoData {
  size: DemoSize;
  members: MemberRecord[];
  membersCsv: string;
  activity: ActivityPlan;
}

export function buildDemoData(size: DemoSize, today: string): DemoData {
  const members = generateMembers(size);
  return {
    size,
    members,
    membersCsv: toMembersCsv(members),
    activity: planActivity(members, size, today),
  };
}
