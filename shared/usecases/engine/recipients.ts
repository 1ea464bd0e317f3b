import type { Audience } from '#domain/policy';
import type { Store } from '#ports/store';
import type { Channel } from '#schemas/common';
import type { Assignment, Contact, Directive, Unit } from '#schemas/entities';
import { logger } from '#shared/logger';

/** One addressee of one planned channel. */
export interface Recipient {
  /** What is actually sent: an email step goes by SMS when the unit has no confirmed address. */
  channel: Channel;
  /** What the policy planned (part of the reminder key). */
  plannedChannel: Channel;
  /** The contact's id, on both channels (an email goes to the contact's own topic). */
  recipient: string;
  /** The contact's unit. */
  recipientUnitId: string;
  detail?: string;
}

export const EMAIL_BY_SMS = 'email not confirmed: sent by SMS';

type DirectoryStore = Pick<Store, 'listDirectory' | 'getUnit' | 'listContacts' | 'getDirective' | 'getEach'>;

interface Listing {
  units: Map<string, Unit>;
  contacts: Map<string, Contact[]>;
}

/**
 * Units, contacts and directives, read once per dispatch or batch (the directives of a window's
 * checks in one batch read, `prefetchDirectives`). Units and contacts come from ONE
 * query of the whole directory (`listDirectory`, on first use) instead of one unit and one contact
 * list per unit named. A unit the listing lacks (created a moment ago: the index lags the table by
 * a fraction of a second), or a listed unit with no contact in it (items written before the
 * directory index existed), is read by its own key, so nobody is left out.
 */
export class Directory {
  #listing: Promise<Listing> | undefined;
  private readonly units = new Map<string, Promise<Unit | undefined>>();
  private readonly contacts = new Map<string, Promise<Contact[]>>();
  private readonly directives = new Map<string, Promise<Directive | undefined>>();

  constructor(private readonly store: DirectoryStore) {}

  #list(): Promise<Listing> {
    this.#listing ??= this.store.listDirectory().then(({ units, contacts }) => {
      const byUnit = new Map<string, Contact[]>();
      for (const c of contacts) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c]);
      return { units: new Map(units.map((u) => [u.id, u])), contacts: byUnit };
    });
    return this.#listing;
  }

  unit(id: string): Promise<Unit | undefined> {
    const hit =
      this.units.get(id) ?? this.#list().then((listing) => listing.units.get(id) ?? this.store.getUnit(id));
    this.units.set(id, hit);
    return hit;
  }

  contactsOf(unitId: string): Promise<Contact[]> {
    const hit =
      this.contacts.get(unitId) ??
      this.#list().then((listing) => listing.contacts.get(unitId) ?? this.store.listContacts(unitId));
    this.contacts.set(unitId, hit);
    return hit;
  }

  directive(id: string): Promise<Directive | undefined> {
    const hit = this.directives.get(id) ?? this.store.getDirective(id);
    this.directives.set(id, hit);
    return hit;
  }

  /** Reads the directives of a batch of items in one request (their messages name each directive). */
  prefetchDirectives(ids: readonly string[]): void {
    const missing = [...new Set(ids)].filter((id) => !this.directives.has(id));
    if (missing.length === 0) return;
    const found = this.store.getEach<Directive>(missing.map((id) => ({ kind: 'directive', id })));
    missing.forEach((id, i) => {
      const one = found.then((all) => all[i]);
      one.catch(() => undefined); // a failed read surfaces where the directive is awaited
      this.directives.set(id, one);
    });
  }
}

/**
 * Audience -> unit: `unit` is the assignment's unit (its head and focal officer), `parent` its
 * parent unit (the head), `office` the provincial office (the head). A unit without a parent has
 * no `parent` audience; the office telling itself twice is avoided by de-duplication.
 */
async function audienceUnit(dir: Directory, a: Assignment, audience: Audience, officeUnitId: string) {
  if (audience === 'unit') return a.unitId;
  if (audience === 'office') return officeUnitId;
  return (await dir.unit(a.unitId))?.parentId ?? undefined;
}

/**
 * Who gets one planned channel for one audience: the targeted contacts (the head; for the unit
 * itself its focal officer too), each their own message. SMS: each with a phone who accepts SMS.
 * Email: each whose own topic is confirmed; any other targeted contact by SMS, logged as such.
 */
export async function recipientsOf(
  dir: Directory,
  a: Assignment,
  audiences: readonly Audience[],
  channels: readonly Channel[],
  officeUnitId: string,
): Promise<Recipient[]> {
  const found = new Map<string, Recipient>();
  for (const audience of audiences) {
    const unitId = await audienceUnit(dir, a, audience, officeUnitId);
    if (!unitId) continue;
    const targeted = (await dir.contactsOf(unitId)).filter(
      (c) => c.role === 'head' || (audience === 'unit' && c.role === 'focal'),
    );
    for (const plannedChannel of channels) {
      let reached = 0;
      for (const c of targeted) {
        const channel = plannedChannel === 'email' && emailable(c) ? 'email' : 'sms';
        if (channel === 'sms' && !(c.phone && c.channels.includes('sms'))) continue;
        const detail = plannedChannel === 'email' && channel === 'sms' ? EMAIL_BY_SMS : undefined;
        add(found, {
          channel,
          plannedChannel,
          recipient: c.id,
          recipientUnitId: unitId,
          ...(detail && { detail }),
        });
        reached++;
      }
      if (reached === 0)
        logger.warn('no recipient for a reminder', { assignmentId: a.id, audience, plannedChannel, unitId });
    }
  }
  return [...found.values()];
}

/** A contact an email reaches: they accept email, and their own topic's subscription is confirmed. */
const emailable = (c: Contact) =>
  c.channels.includes('email') && c.emailStatus === 'confirmed' && c.emailTopicArn !== undefined;

function add(found: Map<string, Recipient>, r: Recipient): void {
  const key = `${r.plannedChannel}#${r.recipientUnitId}/${r.recipient}`;
  if (!found.has(key)) found.set(key, r);
}

/** The reminder-log key of one (plan version, step, send, planned channel, recipient): the idempotency key. */
export function reminderKey(planVersion: number, step: number, send: number, r: Recipient): string {
  return `v${planVersion}#${step}#${send}#${r.plannedChannel}#${r.recipientUnitId}/${r.recipient}`;
}
