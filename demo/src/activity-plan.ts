import { addDays, monthBounds } from './demo-month.js';
import type { DemoSize } from './demo-size.js';
import {
  planSpec,
  productSpecs,
  type BranchName,
  type PlanKey,
  type ProductKey,
} from './gym-profile.js';
import type { MemberRecord } from './member-records.js';
import { formatKurus, toKurus } from './money.js';
import { SeededRandom } from './seeded-random.js';

export type PaymentMethod = 'CASH' | 'CREDIT_CARD' | 'BANK_TRANSFER' | 'OTHER';

export interface PlannedCorrection {
  key: string;
  amount: string;
  method: PaymentMethod;
  paidOn: string;
  reason: string;
}

export interface PlannedPayment {
  /** The Idempotency-Key. */
  key: string;
  memberPhone: string;
  amount: string;
  method: PaymentMethod;
  paidOn: string;
  note: string;
  /** The front desk typed this payment wrong and corrects it. */
  correction: PlannedCorrection | null;
}

export interface PlannedPlanChange {
  memberPhone: string;
  plan: PlanKey;
  startDate: string;
}

export interface PlannedFreeze {
  memberPhone: string;
  startDate: string;
  endDate: string;
  reason: string;
}

export interface PlannedSale {
  key: string;
  branch: BranchName;
  memberPhone: string | null;
  items: { product: ProductKey; quantity: number }[];
  paymentMethod: PaymentMethod;
  soldOn: string;
}

/** The gym's month of activity, in the order the driver sends it. */
export interface ActivityPlan {
  month: string;
  payments: PlannedPayment[];
  /** A payment sent twice with the same Idempotency-Key, as a client retrying after a timeout. */
  resentPaymentKey: string;
  planChanges: PlannedPlanChange[];
  freezes: PlannedFreeze[];
  sales: PlannedSale[];
  /** The sale an administrator deletes (rung up by mistake). */
  deletedSaleKey: string | null;
  /** A payment dated in the month after it is locked; billing must refuse it. */
  paymentAfterLock: Omit<PlannedPayment, 'correction' | 'key'> & { key: string };
}

const paymentMethodWeights = [
  ['CASH', 35],
  ['CREDIT_CARD', 45],
  ['BANK_TRANSFER', 15],
  ['OTHER', 5],
] as const;

const freezeReasons = [
  'Yurt dışı seyahati',
  'Ameliyat sonrası dinlenme',
  'Sınav dönemi',
  'İş seyahati',
];

/**
 * Plans the month of the generated members: payments (some in two installments, some corrected),
 * plan upgrades, freezes from `today` on (a freeze cannot start in the past), shop sales and the
 * month lock. The same size, seed and today give the same plan.
 */
export function planActivity(
  members: readonly MemberRecord[],
  size: DemoSize,
  today: string,
): ActivityPlan {
  const random = new SeededRandom(`${size.seed}/activity/${size.month}`);
  const { to: monthEnd } = monthBounds(size.month);
  const key = (kind: string, index: number) => `demo-${size.month}-${kind}-${index}`;

  const payments: PlannedPayment[] = [];
  const addPayment = (member: MemberRecord, amount: string, paidOn: string, note: string) => {
    const method = random.weighted(paymentMethodWeights);
    payments.push({
      key: key('payment', payments.length + 1),
      memberPhone: member.phone,
      amount,
      method,
      paidOn,
      note,
      correction: null,
    });
  };

  for (const member of members) {
    const price = planSpec(member.plan).price;
    const secondDate = addDays(member.startDate, random.int(10, 20));
    if (
      member.plan !== 'monthly' &&
      member.plan !== 'student' &&
      random.chance(0.2) &&
      secondDate <= monthEnd
    ) {
      const firstHalf = (toKurus(price) / 200n) * 100n;
      addPayment(member, formatKurus(firstHalf), member.startDate, '1. taksit');
      addPayment(member, formatKurus(toKurus(price) - firstHalf), secondDate, '2. taksit');
    } else {
      addPayment(member, price, member.startDate, planSpec(member.plan).name);
    }
  }

  const upgradable = members.filter(
    (member) => member.plan === 'monthly' || member.plan === 'student',
  );
  const planChanges = random
    .sample(upgradable, Math.max(1, Math.round(members.length * 0.04)))
    .map((member) => {
      const plan: PlanKey = random.chance(0.7) ? 'quarterly' : 'yearly';
      const changeDate = minDate(addDays(member.startDate, random.int(5, 15)), monthEnd);
      addPayment(
        member,
        planSpec(plan).price,
        changeDate,
        `Paket yükseltme: ${planSpec(plan).name}`,
      );
      return { memberPhone: member.phone, plan, startDate: changeDate };
    });

  for (const payment of random.sample(payments, Math.max(1, Math.round(payments.length * 0.06)))) {
    payment.correction = plannedCorrection(
      random,
      payment,
      monthEnd,
      key('correction', payments.indexOf(payment) + 1),
    );
  }

  const changed = new Set(planChanges.map((change) => change.memberPhone));
  const freezable = members.filter(
    (member) =>
      (member.plan === 'quarterly' || member.plan === 'yearly') && !changed.has(member.phone),
  );
  const freezes = random
    .sample(freezable, Math.max(1, Math.round(members.length * 0.03)))
    .map((member) => {
      const startDate = addDays(today, random.int(0, 3));
      return {
        memberPhone: member.phone,
        startDate,
        endDate: addDays(startDate, random.int(7, 21)),
        reason: random.pick(freezeReasons),
      };
    });

  const sales = planSales(random, members, size, key);
  const resent = random.pick(payments.filter((payment) => !payment.correction));
  const anyMember = random.pick(members);
  return {
    month: size.month,
    payments,
    resentPaymentKey: resent.key,
    planChanges,
    freezes,
    sales,
    deletedSaleKey: sales.length > 1 ? random.pick(sales).key : null,
    paymentAfterLock: {
      key: key('after-lock', 1),
      memberPhone: anyMember.phone,
      amount: '150.00',
      method: 'CASH',
      paidOn: monthEnd,
      note: 'Kilitli aya geç kayıt',
    },
  };
}

/** A typing mistake and its fix: a lost zero, the wrong method or the wrong day. */
function plannedCorrection(
  random: SeededRandom,
  payment: PlannedPayment,
  monthEnd: string,
  key: string,
): PlannedCorrection {
  const intended = { amount: payment.amount, method: payment.method, paidOn: payment.paidOn };
  const mistake = random.pick(['amount', 'method', 'date'] as const);
  if (mistake === 'amount') {
    payment.amount = formatKurus(toKurus(payment.amount) / 10n);
    return { key, ...intended, reason: 'Tutar eksik yazılmış' };
  }
  if (mistake === 'method') {
    payment.method = payment.method === 'CASH' ? 'CREDIT_CARD' : 'CASH';
    return { key, ...intended, reason: 'Ödeme yöntemi yanlış seçilmiş' };
  }
  payment.paidOn = minDate(addDays(payment.paidOn, 1), monthEnd);
  if (payment.paidOn === intended.paidOn) {
    payment.amount = formatKurus(toKurus(payment.amount) / 10n);
    return { key, ...intended, reason: 'Tutar eksik yazılmış' };
  }
  return { key, ...intended, reason: 'Ödeme tarihi yanlış girilmiş' };
}

function planSales(
  random: SeededRandom,
  members: readonly MemberRecord[],
  size: DemoSize,
  key: (kind: string, index: number) => string,
): PlannedSale[] {
  const stock = new Map(
    productSpecs.map((product) => [product.key, product.stockQuantity ?? Infinity]),
  );
  const perDay = Math.max(2, Math.round(members.length / 50));
  const sales: PlannedSale[] = [];
  const { from } = monthBounds(size.month);

  for (let day = 0; day < size.days; day += 1) {
    const soldOn = addDays(from, day);
    for (let count = random.int(1, perDay); count > 0; count -= 1) {
      const branch: BranchName = random.chance(0.6) ? 'Merkez' : 'Ataşehir';
      const offered = productSpecs.filter(
        (product) => !product.branch || product.branch === branch,
      );
      const items = random.sample(offered, random.int(1, 3)).flatMap((product) => {
        const quantity = product.key === 'whey' ? 1 : random.int(1, 3);
        const left = stock.get(product.key)!;
        if (left < quantity) return [];
        stock.set(product.key, left - quantity);
        return [{ product: product.key, quantity }];
      });
      if (items.length === 0) continue;
      const buyers = members.filter(
        (member) => member.branch === branch && member.startDate <= soldOn,
      );
      sales.push({
        key: key('sale', sales.length + 1),
        branch,
        memberPhone: buyers.length > 0 && random.chance(0.5) ? random.pick(buyers).phone : null,
        items,
        paymentMethod: random.weighted([
          ['CASH', 50],
          ['CREDIT_CARD', 45],
          ['OTHER', 5],
        ] as const),
        soldOn,
      });
    }
  }
  return sales;
}

function minDate(first: string, second: string): string {
  return first < second ? first : second;
}
