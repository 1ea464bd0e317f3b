import type { Clock } from '#ports/clock';

/**
 * A clock that only moves when told to: `simulate` and the end-to-end tests step it from one
 * interesting instant to the next, so a year of reminders runs in seconds.
 */
export class VirtualClock implements Clock {
  #now: Date;

  constructor(start: Date) {
    this.#now = new Date(start.getTime());
  }

  now(): Date {
    return new Date(this.#now.getTime());
  }

  /** Moves to `instant`; time never goes backwards. */
  advanceTo(instant: Date): void {
    if (instant.getTime() > this.#now.getTime()) this.#now = new Date(instant.getTime());
  }

  advanceBy(ms: number): void {
    this.advanceTo(new Date(this.#now.getTime() + ms));
  }
}

export function isVirtual(clock: Clock): clock is VirtualClock {
  return clock instanceof VirtualClock;
}
