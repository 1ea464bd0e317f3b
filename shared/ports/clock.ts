/** Where "now" comes from: the wall clock in Lambda, a virtual clock in `simulate` and tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
