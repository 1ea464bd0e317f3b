import type { Dependencies } from '#ports/dependencies';
import type { UnitReads, Writes } from '#ports/store';
import { ConflictError } from '../../errors.ts';
import type { Write } from '../../ports/store.ts';
import type { ContactInput } from '../../schemas/api.ts';
import type { Contact } from '../../schemas/entities.ts';
import { checkVersion, found, newId } from '../common.ts';
import { changeEmail, type EmailChange, type EmailFields, removeEmail } from './contact-email.ts';

type Deps = Pick<Dependencies, 'clock' | 'subscriptions'> & { store: UnitReads & Writes };

/** Writes, and undoes the SNS side of the change if the write is refused (a rejected request changes nothing). */
async function writeOrUndo(deps: Deps, writes: Write[], change: EmailChange): Promise<void> {
  try {
    await deps.store.write(writes);
  } catch (error) {
    await change.undo();
    throw error;
  }
  await change.after();
}

function contactOf(
  unitId: string,
  id: string,
  input: ContactInput,
  email: EmailFields,
  base: Omit<Contact, 'id' | 'unitId' | 'name' | 'role' | 'channels' | 'emailStatus'>,
): Contact {
  const contact: Contact = {
    id,
    unitId,
    name: input.name,
    role: input.role,
    channels: input.channels ?? ['sms', 'email'],
    version: base.version,
    createdAt: base.createdAt,
    updatedAt: base.updatedAt,
    emailStatus: email.emailStatus,
  };
  if (input.phone !== undefined) contact.phone = input.phone;
  if (input.email !== undefined) contact.email = input.email;
  if (email.emailTopicArn !== undefined) contact.emailTopicArn = email.emailTopicArn;
  if (email.subscriptionArn !== undefined) contact.subscriptionArn = email.subscriptionArn;
  return contact;
}

export async function createContact(
  deps: Deps,
  unitId: string,
  input: ContactInput & { id?: string | undefined },
): Promise<Contact> {
  found(await deps.store.getUnit(unitId), `unit ${unitId}`);
  const id = input.id ?? newId();
  if (await deps.store.getContact(unitId, id))
    throw new ConflictError(`contact ${id} already exists in unit ${unitId}`);
  const change = await changeEmail(deps.subscriptions, undefined, { ...input, unitId, id });
  const now = deps.clock.now().toISOString();
  const contact = contactOf(unitId, id, input, change.fields, { version: 1, createdAt: now, updatedAt: now });
  await writeOrUndo(
    deps,
    [{ op: 'put', entity: { kind: 'contact', value: contact }, expect: 'absent' }],
    change,
  );
  return contact;
}

export async function updateContact(
  deps: Deps,
  unitId: string,
  id: string,
  input: ContactInput,
  ifMatch?: number,
): Promise<Contact> {
  found(await deps.store.getUnit(unitId), `unit ${unitId}`);
  const stored = found(await deps.store.getContact(unitId, id), `contact ${id}`);
  checkVersion(`contact ${id}`, stored.version, ifMatch);
  const change = await changeEmail(deps.subscriptions, stored, { ...input, unitId, id });
  const contact = contactOf(unitId, id, input, change.fields, {
    version: stored.version + 1,
    createdAt: stored.createdAt,
    updatedAt: deps.clock.now().toISOString(),
  });
  await writeOrUndo(
    deps,
    [{ op: 'put', entity: { kind: 'contact', value: contact }, expect: stored.version }],
    change,
  );
  return contact;
}

/** Removes the contact, then their email topic (and with it their subscription). */
export async function deleteContact(deps: Deps, unitId: string, id: string, ifMatch?: number): Promise<void> {
  found(await deps.store.getUnit(unitId), `unit ${unitId}`);
  const stored = found(await deps.store.getContact(unitId, id), `contact ${id}`);
  checkVersion(`contact ${id}`, stored.version, ifMatch);
  await deps.store.write([{ op: 'delete', ref: { kind: 'contact', unitId, id }, expect: stored.version }]);
  await removeEmail(deps.subscriptions, stored);
}
