/** The demo gym: its name, branches, membership plans and shop products. */
export const GYM_NAME = 'Çınar Spor Kulübü';
export const OWNER_NAME = 'Ayşe Yılmaz';

/** Identity names every tenant's first branch `Merkez`. */
export const DEFAULT_BRANCH = 'Merkez';
export const SECOND_BRANCH = 'Ataşehir';
export type BranchName = typeof DEFAULT_BRANCH | typeof SECOND_BRANCH;
export const branchNames: readonly BranchName[] = [DEFAULT_BRANCH, SECOND_BRANCH];

export interface SecondBranchSpec {
  name: BranchName;
  address: string;
  phone: string;
}

export const secondBranch: SecondBranchSpec = {
  name: SECOND_BRANCH,
  address: 'Atatürk Mah. Ertuğrul Gazi Sok. No: 12, Ataşehir / İstanbul',
  phone: '0216 555 12 34',
};

export type PlanKey = 'monthly' | 'quarterly' | 'yearly' | 'student' | 'morning' | 'pilates';

export interface PlanSpec {
  key: PlanKey;
  name: string;
  /** A BRANCH plan is offered only at its branch; a TENANT plan at every branch. */
  branch: BranchName | null;
  durationValue: number;
  durationUnit: 'DAY' | 'MONTH';
  price: string;
  sessionCount?: number;
  description?: string;
}

export const planSpecs: readonly PlanSpec[] = [
  {
    key: 'monthly',
    name: 'Aylık',
    branch: null,
    durationValue: 1,
    durationUnit: 'MONTH',
    price: '1200.00',
  },
  {
    key: 'quarterly',
    name: '3 Aylık',
    branch: null,
    durationValue: 3,
    durationUnit: 'MONTH',
    price: '3300.00',
  },
  {
    key: 'yearly',
    name: 'Yıllık',
    branch: null,
    durationValue: 12,
    durationUnit: 'MONTH',
    price: '11500.00',
  },
  {
    key: 'student',
    name: 'Öğrenci Aylık',
    branch: null,
    durationValue: 1,
    durationUnit: 'MONTH',
    price: '850.00',
    description: 'Öğrenci belgesiyle, 25 yaşına kadar',
  },
  {
    key: 'morning',
    name: 'Sabah Paketi',
    branch: DEFAULT_BRANCH,
    durationValue: 1,
    durationUnit: 'MONTH',
    price: '950.00',
    description: 'Hafta içi 07:00–12:00',
  },
  {
    key: 'pilates',
    name: 'Reformer Pilates 10 Ders',
    branch: SECOND_BRANCH,
    durationValue: 45,
    durationUnit: 'DAY',
    price: '2750.00',
    sessionCount: 10,
  },
];

export function planSpec(key: PlanKey): PlanSpec {
  const spec = planSpecs.find((candidate) => candidate.key === key);
  if (!spec) throw new Error(`unknown plan ${key}`);
  return spec;
}

export type ProductKey = 'water' | 'bar' | 'energy' | 'whey' | 'towel' | 'locker';

export interface ProductSpec {
  key: ProductKey;
  name: string;
  sku: string;
  price: string;
  /** Absent: the product's stock is not tracked (a service such as a locker rental). */
  stockQuantity?: number;
  /** Absent: sold at every branch. */
  branch?: BranchName;
}

export const productSpecs: readonly ProductSpec[] = [
  { key: 'water', name: 'Su 500 ml', sku: 'SU-500', price: '15.00', stockQuantity: 600 },
  { key: 'bar', name: 'Protein Bar Çikolatalı', sku: 'PB-CIK', price: '85.00', stockQuantity: 240 },
  { key: 'energy', name: 'Enerji İçeceği', sku: 'EN-250', price: '62.50', stockQuantity: 120 },
  { key: 'whey', name: 'Whey Protein 1 kg', sku: 'WP-1000', price: '1450.00', stockQuantity: 25 },
  { key: 'towel', name: 'Spor Havlusu', sku: 'HV-01', price: '240.00' },
  {
    key: 'locker',
    name: 'Dolap Kiralama (Aylık)',
    sku: 'DL-AY',
    price: '300.00',
    branch: SECOND_BRANCH,
  },
];
