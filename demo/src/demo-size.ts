/** Generator input: the seed, the month and the size of the gym's month. */
export interface DemoSize {
  seed: string;
  /** `YYYY-MM`, a month that has ended in the tenant's timezone. */
  month: string;
  members: number;
  /** Members join and buy on the first `days` days of the month. */
  days: number;
}

export const DEFAULT_SEED = 'cinar-spor';
export const DEFAULT_MEMBER_COUNT = 300;
