/** Source of the current instant. Tests replace it to read reports for a chosen day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
