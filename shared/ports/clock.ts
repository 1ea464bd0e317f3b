/** Where "now" comes from: the wall clock in Lambda, a virtual clock in `simulate` and tests. */
export interface Clock {
  now(): Date;
  /** Waits `ms`; a virtual clock moves forward instead (absent: a real timer). */
  sleep?(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

/** Waits `ms` on this clock: virtual time in `simulate` and the bench, a real timer otherwise. */
export function sleepOn(clock: Clock, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return clock.sleep ? clock.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
}
