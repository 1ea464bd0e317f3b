import type { AssignmentQuery, EntityRef, Page, PageRequest, Store, StoredPolicy, Write } from '#ports/store';
import type {
  Assignment,
  CalendarOverride,
  Contact,
  Directive,
  Extension,
  ProgressReport,
  Reminder,
  Task,
  Unit,
} from '#schemas/entities';

/** What the cache keeps, by the entity kind whose writes invalidate it. */
type Area = 'unit' | 'contact' | 'directory' | 'directive' | 'policy' | 'override';

/**
 * A write-through read cache in front of the local runtime's store, for the reference data the
 * engine reads on every fire: units, contacts, directives, policies and calendar overrides (the
 * assignment, its reminder log and the digests are always read from the table: they carry the
 * send guards). Exact, not a TTL: the local runtime is the only writer of its table (it holds the
 * data folder's lock, `dondoc seed` goes through its API), and every write goes through `write()`
 * here, which drops the areas it touches before and after writing. A read that overlapped a write
 * is returned but not kept (a generation number per area), so a stale value never enters the cache.
 * Values are cloned on the way out: callers may change what they get.
 */
export class CachingStore implements Store {
  readonly #entries = new Map<string, unknown>();
  readonly #generation: Record<Area, number> = {
    unit: 0,
    contact: 0,
    directory: 0,
    directive: 0,
    policy: 0,
    override: 0,
  };

  constructor(readonly inner: Store) {}

  async write(writes: Write[]): Promise<void> {
    const areas = new Set<Area>();
    for (const w of writes) {
      const kind = w.op === 'put' ? w.entity.kind : w.ref.kind;
      if (kind in this.#generation) areas.add(kind as Area);
      if (kind === 'unit' || kind === 'contact') areas.add('directory');
    }
    this.#invalidate(areas);
    try {
      await this.inner.write(writes);
    } finally {
      this.#invalidate(areas);
    }
  }

  #invalidate(areas: Set<Area>): void {
    if (areas.size === 0) return;
    for (const area of areas) this.#generation[area]++;
    for (const key of [...this.#entries.keys()])
      if (areas.has(key.split('|')[0] as Area)) this.#entries.delete(key);
  }

  async #cached<T>(area: Area, key: string, read: () => Promise<T>): Promise<T> {
    const full = `${area}|${key}`;
    if (this.#entries.has(full)) return structuredClone(this.#entries.get(full) as T);
    const generation = this.#generation[area];
    const value = await read();
    if (this.#generation[area] === generation) this.#entries.set(full, structuredClone(value));
    return value;
  }

  /** Drops everything (e.g. after writing to the table behind this store's back). */
  clear(): void {
    this.#invalidate(new Set(Object.keys(this.#generation) as Area[]));
  }

  getEach<T>(refs: readonly EntityRef[]): Promise<(T | undefined)[]> {
    return this.inner.getEach<T>(refs);
  }
  getUnit(id: string): Promise<Unit | undefined> {
    return this.#cached('unit', `get|${id}`, () => this.inner.getUnit(id));
  }
  listUnits(page?: PageRequest): Promise<Page<Unit>> {
    return this.#cached('unit', `list|${page?.limit}|${page?.cursor}`, () => this.inner.listUnits(page));
  }
  getContact(unitId: string, id: string): Promise<Contact | undefined> {
    return this.#cached('contact', `get|${unitId}|${id}`, () => this.inner.getContact(unitId, id));
  }
  listContacts(unitId: string): Promise<Contact[]> {
    return this.#cached('contact', `list|${unitId}`, () => this.inner.listContacts(unitId));
  }
  listDirectory(): Promise<{ units: Unit[]; contacts: Contact[] }> {
    return this.#cached('directory', 'all', () => this.inner.listDirectory());
  }
  listEmailContacts(status: 'pending' | 'confirmed', page?: PageRequest): Promise<Page<Contact>> {
    return this.inner.listEmailContacts(status, page);
  }
  markDueChecks(checks: readonly { id: string; at: Date }[]): Promise<void> {
    return this.inner.markDueChecks(checks);
  }
  clearEmailsPending(since: string): Promise<void> {
    return this.inner.clearEmailsPending(since);
  }
  getDirective(id: string): Promise<Directive | undefined> {
    return this.#cached('directive', `get|${id}`, () => this.inner.getDirective(id));
  }
  listDirectives(page?: PageRequest): Promise<Page<Directive>> {
    return this.inner.listDirectives(page);
  }
  getTask(directiveId: string, id: string): Promise<Task | undefined> {
    return this.inner.getTask(directiveId, id);
  }
  listTasks(directiveId: string): Promise<Task[]> {
    return this.inner.listTasks(directiveId);
  }
  getPolicy(name: string): Promise<StoredPolicy | undefined> {
    return this.#cached('policy', `get|${name}`, () => this.inner.getPolicy(name));
  }
  listPolicies(): Promise<StoredPolicy[]> {
    return this.#cached('policy', 'list', () => this.inner.listPolicies());
  }
  listOverrides(): Promise<CalendarOverride[]> {
    return this.#cached('override', 'list', () => this.inner.listOverrides());
  }

  getAssignment(id: string): Promise<Assignment | undefined> {
    return this.inner.getAssignment(id);
  }
  listAssignments(query: AssignmentQuery): Promise<Page<Assignment>> {
    return this.inner.listAssignments(query);
  }
  listAssignmentsOfTask(taskId: string): Promise<Assignment[]> {
    return this.inner.listAssignmentsOfTask(taskId);
  }
  listDueChecks(before: string, page?: PageRequest, shards?: readonly number[]): Promise<Page<Assignment>> {
    return this.inner.listDueChecks(before, page, shards);
  }
  listProgress(assignmentId: string): Promise<ProgressReport[]> {
    return this.inner.listProgress(assignmentId);
  }
  getExtension(assignmentId: string, id: string): Promise<Extension | undefined> {
    return this.inner.getExtension(assignmentId, id);
  }
  listExtensions(assignmentId: string): Promise<Extension[]> {
    return this.inner.listExtensions(assignmentId);
  }
  claimReminder(reminder: Reminder, reclaimable?: Reminder['outcome'][]): Promise<boolean> {
    return this.inner.claimReminder(reminder, reclaimable);
  }
  updateReminder(reminder: Reminder): Promise<void> {
    return this.inner.updateReminder(reminder);
  }
  listUnitReminders(unitId: string, from: string, to: string, page?: PageRequest): Promise<Page<Reminder>> {
    return this.inner.listUnitReminders(unitId, from, to, page);
  }
  listReminders(assignmentId: string, page?: PageRequest): Promise<Page<Reminder>> {
    return this.inner.listReminders(assignmentId, page);
  }
}
