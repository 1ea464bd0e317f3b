import type { WorkingCalendar } from '#domain/calendar';
import type { ReminderPolicy } from '#domain/policy';
import type { Store } from '#ports/store';
import { loadCalendar } from './calendar-cache.ts';
import { loadPolicy } from './policies.ts';
import { Directory } from './recipients.ts';

/**
 * Reference data read once per invocation or batch, not once per item: the working calendar with
 * its overrides, policies, units, contacts and directive numbers. A window drain dispatching 5,000
 * checks reads the `mac-dinh` policy and the calendar once, each unit and its contacts once.
 * Short-lived by design (one invocation), so an administrator's change counts from the next one.
 */
export class ReferenceCache {
  readonly directory: Directory;
  readonly #policies = new Map<string, ReminderPolicy>();
  #calendar: Promise<WorkingCalendar> | undefined;

  constructor(private readonly store: Store) {
    this.directory = new Directory(store);
  }

  calendar(): Promise<WorkingCalendar> {
    this.#calendar ??= loadCalendar(this.store);
    return this.#calendar;
  }

  policy(name: string): Promise<ReminderPolicy> {
    return loadPolicy(this.store, name, this.#policies);
  }
}
