import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { committedMembersFile } from './demo-files.js';
import { previousMonth } from './demo-month.js';
import { DEFAULT_MEMBER_COUNT, DEFAULT_SEED } from './demo-size.js';
import { generateMembers } from './member-records.js';
import { toMembersCsv } from './members-csv.js';

const { values } = parseArgs({
  options: {
    month: { type: 'string' },
    members: { type: 'string', default: String(DEFAULT_MEMBER_COUNT) },
    seed: { type: 'string', default: DEFAULT_SEED },
    out: { type: 'string', default: committedMembersFile },
  },
});

const month = values.month ?? previousMonth(new Date());
const members = Number(values.members);
if (!/^\d{4}-\d{2}$/.test(month) || !Number.isInteger(members) || members < 1) {
  process.stderr.write(
    'usage: generate-members [--month YYYY-MM] [--members N] [--seed TEXT] [--out FILE]\n',
  );
  process.exit(64);
}

const days = DateTime.fromISO(`${month}-01`).daysInMonth ?? 28;
writeFileSync(
  values.out,
  toMembersCsv(generateMembers({ seed: values.seed, month, members, days })),
);
process.stdout.write(`Wrote ${members} members starting in ${month} to ${values.out}\n`);
