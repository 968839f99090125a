import { DateTime } from 'luxon';
import type { DemoSize } from './demo-size.js';
import { DEFAULT_BRANCH, SECOND_BRANCH, type BranchName, type PlanKey } from './gym-profile.js';
import { SeededRandom } from './seeded-random.js';
import { emailLocalPart, femaleNames, maleNames, memberNotes, surnames } from './turkish-people.js';

/** One member as the generator made them, with each cell as it is typed into the member file. */
export interface MemberRecord {
  firstName: string;
  lastName: string;
  /** E.164, the form membership stores. */
  phone: string;
  phoneAsTyped: string;
  email: string | null;
  /** `YYYY-MM-DD`. */
  birthDate: string | null;
  gender: 'FEMALE' | 'MALE' | null;
  genderAsTyped: string;
  branch: BranchName;
  /** Empty for some members of the default branch: an empty branch means the default one. */
  branchAsTyped: string;
  plan: PlanKey;
  planAsTyped: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  notes: string;
}

/** Turkish mobile operator prefixes (Turkcell 53x, Vodafone 54x, Türk Telekom 50x and 55x). */
const mobilePrefixes = [
  '505',
  '506',
  '507',
  '530',
  '531',
  '532',
  '533',
  '534',
  '535',
  '536',
  '537',
  '538',
  '539',
  '541',
  '542',
  '543',
  '544',
  '545',
  '546',
  '547',
  '548',
  '549',
  '551',
  '552',
  '553',
  '554',
  '555',
];

const planNamesAsTyped: Record<PlanKey, readonly string[]> = {
  monthly: ['Aylık', 'AYLIK', 'aylık'],
  quarterly: ['3 Aylık', '3 AYLIK'],
  yearly: ['Yıllık', 'YILLIK'],
  student: ['Öğrenci Aylık', 'ÖĞRENCİ AYLIK'],
  morning: ['Sabah Paketi'],
  pilates: ['Reformer Pilates 10 Ders'],
};

/** Generates the gym's new members of the month, the same ones for the same size and seed. */
export function generateMembers(size: DemoSize): MemberRecord[] {
  const random = new SeededRandom(`${size.seed}/members/${size.month}`);
  const monthStart = DateTime.fromISO(`${size.month}-01`, { zone: 'utc' });
  const lastDay = Math.min(size.days, monthStart.daysInMonth ?? 28);
  const phones = new Set<string>();

  return Array.from({ length: size.members }, (_, index) => {
    const gender = random.weighted([
      ['FEMALE', 48],
      ['MALE', 50],
      [null, 2],
    ] as const);
    const firstName = random.pick(
      gender === 'FEMALE'
        ? femaleNames
        : gender === 'MALE'
          ? maleNames
          : [...femaleNames, ...maleNames],
    );
    const lastName = random.pick(surnames);
    const national = uniqueMobile(random, phones);
    const age = random.weighted([
      [random.int(16, 24), 30],
      [random.int(25, 44), 50],
      [random.int(45, 68), 20],
    ]);
    const branch = random.chance(0.6) ? DEFAULT_BRANCH : SECOND_BRANCH;
    const plan = pickPlan(random, branch, age);
    const startDay = random.weighted([
      [random.int(1, Math.min(3, lastDay)), 35],
      [random.int(1, lastDay), 65],
    ]);

    return {
      firstName,
      lastName,
      phone: `+90${national}`,
      phoneAsTyped: spellPhone(random, national),
      email: random.chance(0.45)
        ? `${emailLocalPart(firstName)}.${emailLocalPart(lastName)}${index + 1}@example.com`
        : null,
      birthDate: random.chance(0.9) ? birthDate(random, monthStart, age) : null,
      gender,
      genderAsTyped: spellGender(random, gender),
      branch,
      branchAsTyped: branch === DEFAULT_BRANCH && random.chance(0.3) ? '' : branch,
      plan,
      planAsTyped: random.chance(0.8)
        ? planNamesAsTyped[plan][0]!
        : random.pick(planNamesAsTyped[plan]),
      startDate: monthStart.set({ day: startDay }).toISODate()!,
      notes: random.chance(0.15) ? random.pick(memberNotes) : '',
    };
  });
}

function uniqueMobile(random: SeededRandom, taken: Set<string>): string {
  for (;;) {
    const national = `${random.pick(mobilePrefixes)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
    // A subscriber number starting with 0 or 1 is not assigned.
    if (/^\d{3}[01]/.test(national) || taken.has(national)) continue;
    taken.add(national);
    return national;
  }
}

/** Writes `5321234567` the ways people type it: `0532 123 45 67`, `05321234567`, `532 123 4567`, `+90 532 123 45 67`. */
export function spellPhone(random: SeededRandom, national: string): string {
  const [operator, first, second, third] = [
    national.slice(0, 3),
    national.slice(3, 6),
    national.slice(6, 8),
    national.slice(8),
  ];
  return random.weighted([
    [`0${operator} ${first} ${second} ${third}`, 40],
    [`0${national}`, 25],
    [`${operator} ${first} ${second}${third}`, 15],
    [`+90 ${operator} ${first} ${second} ${third}`, 20],
  ]);
}

function spellGender(random: SeededRandom, gender: MemberRecord['gender']): string {
  if (gender === 'FEMALE')
    return random.weighted([
      ['Kadın', 80],
      ['K', 20],
    ]);
  if (gender === 'MALE')
    return random.weighted([
      ['Erkek', 80],
      ['E', 20],
    ]);
  return '';
}

function pickPlan(random: SeededRandom, branch: BranchName, age: number): PlanKey {
  const branchPlan: PlanKey = branch === DEFAULT_BRANCH ? 'morning' : 'pilates';
  return random.weighted<PlanKey>([
    ['monthly', 40],
    ['quarterly', 22],
    ['yearly', 10],
    ['student', age <= 25 ? 30 : 0],
    [branchPlan, 12],
  ]);
}

function birthDate(random: SeededRandom, monthStart: DateTime, age: number): string {
  return monthStart.minus({ years: age, days: random.int(0, 364) }).toISODate()!;
}
