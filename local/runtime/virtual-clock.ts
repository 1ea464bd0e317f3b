import type { Clock } from '#ports/clock';

/**
 * A clock that only moves when told to: `simulate` and the end-to-end tests step it from one
 * interesting instant to the next, so a year of reminders runs in seconds.
 */
export class VirtualClock implements Clock {
  #now: Date;
  #pinned: Date | undefined;

  constructor(start: Date) {
    this.#now = new Date(start.getTime());
  }

  now(): Date {
    return new Date((this.#pinned ?? this.#now).getTime());
  }

  /**
   * Holds the clock at an instant, even in the past, until `pin(undefined)` (as PinnableClock does
   * for the wall clock): the demo is seeded "when the directive arrived" also on a virtual clock.
   */
  pin(instant: Date | undefined): void {
    this.#pinned = instant ? new Date(instant.getTime()) : undefined;
  }

  /** Moves to `instant`; time never goes backwards. */
  advanceTo(instant: Date): void {
    if (instant.getTime() > this.#now.getTime()) this.#now = new Date(instant.getTime());
  }

  advanceBy(ms: number): void {
    this.advanceTo(new Date(this.#now.getTime() + ms));
  }

  /** A wait (the SMS pacing) takes no real time: the clock moves on by `ms`. */
  async sleep(ms: number): Promise<void> {
    this.advanceBy(ms);
  }
}

export function isVirtual(clock: Clock): clock is VirtualClock {
  return clock instanceof VirtualClock;
}
