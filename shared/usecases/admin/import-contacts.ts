import type { Write } from '../../ports/store.ts';
import type { Contact, Unit } from '../../schemas/entities.ts';
import type { ImportDocument } from '../../schemas/import.ts';
import { type ContactValue, type ImportDeps, pick, type Stored } from './import-plan.ts';

export interface PreparedContacts {
  contacts: ContactValue[];
  /** Unit id -> its email topic ARN, for the units whose topic this import created or found. */
  topics: Map<string, string>;
  /** Units outside the document that got a topic: their `emailTopicArn` is recorded. */
  unitWrites: Write[];
  /** Subscriptions replaced by this import, removed once the writes are done. */
  unsubscribeAfter: string[];
}

/**
 * The contacts as they will be stored, after the email side effects outside the table (topics,
 * subscriptions) — done only once validation has passed.
 */
export async function prepareContacts(
  deps: ImportDeps,
  doc: ImportDocument,
  stored: Stored,
  stamp: string,
): Promise<PreparedContacts> {
  const unitsInDoc = new Map(doc.units.map((u, i) => [u.id, stored.units[i]]));
  const prepared: PreparedContacts = {
    contacts: [],
    topics: new Map(),
    unitWrites: [],
    unsubscribeAfter: [],
  };
  const topicOf = async (unitId: string): Promise<string> => {
    const known = prepared.topics.get(unitId);
    if (known) return known;
    const inDoc = unitsInDoc.has(unitId);
    const storedUnit = inDoc ? unitsInDoc.get(unitId) : await deps.store.getUnit(unitId);
    let arn = storedUnit?.emailTopicArn;
    if (!arn) {
      arn = await deps.subscriptions.ensureTopic(unitId);
      if (!inDoc && storedUnit) {
        const value: Unit = {
          ...storedUnit,
          emailTopicArn: arn,
          version: storedUnit.version + 1,
          updatedAt: stamp,
        };
        prepared.unitWrites.push({ op: 'put', entity: { kind: 'unit', value }, expect: storedUnit.version });
      }
    }
    prepared.topics.set(unitId, arn);
    return arn;
  };
  const subscribedOn = new Map<string, ContactValue[]>();
  for (const [i, c] of doc.contacts.entries()) {
    const old = stored.contacts[i];
    const channels = c.channels ?? ['sms', 'email'];
    const wants = c.email !== undefined && channels.includes('email');
    const keep =
      old && old.emailStatus !== 'none' && wants && old.email?.toLowerCase() === c.email?.toLowerCase();
    const value: ContactValue = {
      id: c.id,
      unitId: c.unitId,
      name: c.name,
      role: c.role,
      channels,
      emailStatus: keep ? old.emailStatus : 'none',
      ...(c.phone !== undefined ? { phone: c.phone } : {}),
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(keep && old.subscriptionArn ? { subscriptionArn: old.subscriptionArn } : {}),
    };
    const fields: (keyof Contact)[] = ['name', 'role', 'phone', 'email', 'channels'];
    const changed = !old || pick(old, fields) !== pick(value as Contact, fields) || (wants && !keep);
    if (changed && wants && !keep && c.email) {
      const topicArn = await topicOf(c.unitId);
      const arn = await deps.subscriptions.subscribe(topicArn, c.email);
      value.emailStatus = 'pending';
      if (arn.startsWith('arn:')) value.subscriptionArn = arn;
      subscribedOn.set(topicArn, [...(subscribedOn.get(topicArn) ?? []), value]);
    }
    if (old?.subscriptionArn?.startsWith('arn:') && !keep)
      prepared.unsubscribeAfter.push(old.subscriptionArn);
    prepared.contacts.push(value);
  }
  await refreshStatuses(deps, subscribedOn);
  return prepared;
}

/** SNS returns an ARN even while pending: ask each topic once which addresses are confirmed. */
async function refreshStatuses(deps: ImportDeps, subscribedOn: Map<string, ContactValue[]>): Promise<void> {
  for (const [topicArn, values] of subscribedOn) {
    const statuses = await deps.subscriptions.statuses(topicArn);
    for (const value of values) {
      const known = value.email ? statuses.get(value.email.toLowerCase()) : undefined;
      if (known?.status === 'confirmed') value.emailStatus = 'confirmed';
      if (!value.subscriptionArn && known?.subscriptionArn) value.subscriptionArn = known.subscriptionArn;
    }
  }
}
