import type { Clock } from '#ports/clock';

/**
 * The wall clock that can be held at an instant for a moment: the demo is imported "when the
 * directive arrived" and its past progress reports at their own times, then time runs again.
 */
export class PinnableClock implements Clock {
  #pinned: Date | undefined;

  constructor(private readonly base: Clock) {}

  now(): Date {
    return this.#pinned ? new Date(this.#pinned.getTime()) : this.base.now();
  }

  pin(instant: Date | undefined): void {
    this.#pinned = instant ? new Date(instant.getTime()) : undefined;
  }
}
