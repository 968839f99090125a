/** Source of the current instant. Tests replace it to read statuses at a chosen time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
