import type { Contact } from '../../schemas/entities.ts';
import type { ImportDocument } from '../../schemas/import.ts';
import { changeEmail, type EmailChange, quietly } from './contact-email.ts';
import type { ContactValue, ImportDeps, Stored } from './import-plan.ts';

export interface PreparedContacts {
  contacts: ContactValue[];
  /** Old subscriptions and topics to remove once the writes are done. */
  after: EmailChange['after'][];
  /** The topics and subscriptions made for this import: removed when none of it is written. */
  undo: EmailChange['undo'][];
}

/** Contacts whose topics and subscriptions are prepared at once (SNS calls in flight together). */
const PARALLEL = 8;

/**
 * The contacts as they will be stored, after the email side effects outside the table (each
 * contact's own topic and subscription, contact-email.ts) — done only once validation has passed.
 */
export async function prepareContacts(
  deps: ImportDeps,
  doc: ImportDocument,
  stored: Stored,
): Promise<PreparedContacts> {
  const prepared: PreparedContacts = { contacts: [], after: [], undo: [] };
  for (let i = 0; i < doc.contacts.length; i += PARALLEL) {
    const batch = doc.contacts
      .slice(i, i + PARALLEL)
      .map((c, j) => prepareOne(deps, c, stored.contacts[i + j]));
    const settled = await Promise.allSettled(batch);
    for (const result of settled) {
      if (result.status !== 'fulfilled') continue;
      const { value, change } = result.value;
      prepared.contacts.push(value);
      prepared.after.push(change.after);
      prepared.undo.push(change.undo);
    }
    const refused = settled.find((r) => r.status === 'rejected');
    if (refused) {
      await undoContacts(prepared);
      throw refused.reason;
    }
  }
  return prepared;
}

/** A refused import leaves nothing behind in SNS either (a failed clean-up is logged for the operator). */
export async function undoContacts(prepared: PreparedContacts): Promise<void> {
  for (const undo of prepared.undo) await quietly(undo, 'an email topic of a refused import');
}

async function prepareOne(
  deps: ImportDeps,
  c: ImportDocument['contacts'][number],
  old: Contact | undefined,
): Promise<{ value: ContactValue; change: EmailChange }> {
  const channels = c.channels ?? ['sms', 'email'];
  const value: ContactValue = {
    id: c.id,
    unitId: c.unitId,
    name: c.name,
    role: c.role,
    channels,
    emailStatus: 'none',
    ...(c.phone !== undefined ? { phone: c.phone } : {}),
    ...(c.email !== undefined ? { email: c.email } : {}),
  };
  const change = await changeEmail(deps.subscriptions, old, { ...value, channels });
  return { value: { ...value, ...change.fields }, change };
}
