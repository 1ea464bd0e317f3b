import type { WorkingCalendar } from '#domain/calendar';
import type { ReminderPolicy } from '#domain/policy';
import type { Store, StoredPolicy } from '#ports/store';
import { loadCalendar } from './calendar-cache.ts';
import { resolvePolicy } from './policies.ts';
import { Directory } from './recipients.ts';

/**
 * Reference data read once per invocation or batch, not once per item, each in as few requests as
 * the table allows: the working calendar with its overrides (one query), every policy (one query
 * of the `POLICIES` partition, whichever names the items use), the units and contacts (one query
 * of the directory index) and directive numbers. A window drain dispatching 5,000 checks reads
 * each of these once. Short-lived by design (one invocation), so an administrator's change counts
 * from the next one.
 */
export class ReferenceCache {
  readonly directory: Directory;
  #stored: Promise<Map<string, StoredPolicy>> | undefined;
  readonly #policies = new Map<string, ReminderPolicy>();
  #calendar: Promise<WorkingCalendar> | undefined;

  constructor(private readonly store: Store) {
    this.directory = new Directory(store);
  }

  calendar(): Promise<WorkingCalendar> {
    this.#calendar ??= loadCalendar(this.store);
    return this.#calendar;
  }

  async policy(name: string): Promise<ReminderPolicy> {
    this.#stored ??= this.store.listPolicies().then((all) => new Map(all.map((p) => [p.name, p])));
    const stored = await this.#stored;
    const policy = this.#policies.get(name) ?? resolvePolicy(name, stored.get(name));
    this.#policies.set(name, policy); // an unknown name is warned about once
    return policy;
  }
}
