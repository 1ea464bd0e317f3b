import type { Dependencies } from '#ports/dependencies';
import type { UnitReads, Writes } from '#ports/store';
import { ConflictError } from '../../errors.ts';
import type { Write } from '../../ports/store.ts';
import type { ContactInput } from '../../schemas/api.ts';
import type { Contact, Unit } from '../../schemas/entities.ts';
import { checkVersion, found, newId } from '../common.ts';

type Deps = Pick<Dependencies, 'clock' | 'subscriptions'> & { store: UnitReads & Writes };

interface EmailState {
  emailStatus: Contact['emailStatus'];
  subscriptionArn?: string;
}

const isArn = (value: string | undefined): value is string => value?.startsWith('arn:') === true;
const wantsEmail = (c: { email?: string | undefined; channels?: string[] | undefined }) =>
  c.email !== undefined && (c.channels ?? ['sms', 'email']).includes('email');

/** The unit's topic (created on first use) and a put of the unit recording it, when new. */
async function topicOf(deps: Deps, unit: Unit): Promise<{ topicArn: string; unitWrite?: Write }> {
  if (unit.emailTopicArn) return { topicArn: unit.emailTopicArn };
  const topicArn = await deps.subscriptions.ensureTopic(unit.id);
  const value: Unit = {
    ...unit,
    emailTopicArn: topicArn,
    version: unit.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  return { topicArn, unitWrite: { op: 'put', entity: { kind: 'unit', value }, expect: unit.version } };
}

/**
 * Subscribes an address. SNS gives the subscription's ARN even while the recipient has not
 * confirmed, so the status comes from the topic's list: `confirmed` only if SNS says so (an
 * address already confirmed on this topic), `pending` otherwise; the daily sweep refreshes it.
 */
async function subscribe(deps: Deps, topicArn: string, email: string): Promise<EmailState> {
  const arn = await deps.subscriptions.subscribe(topicArn, email);
  const known = (await deps.subscriptions.statuses(topicArn)).get(email.toLowerCase());
  const subscriptionArn = isArn(arn) ? arn : known?.subscriptionArn;
  return {
    emailStatus: known?.status === 'confirmed' ? 'confirmed' : 'pending',
    ...(subscriptionArn ? { subscriptionArn } : {}),
  };
}

/** Removes an address from the topic; a still-pending one is looked up (it may have been confirmed since). */
async function unsubscribe(deps: Deps, topicArn: string | undefined, contact: Contact): Promise<void> {
  let arn = contact.subscriptionArn;
  if (!isArn(arn) && topicArn && contact.email) {
    arn = (await deps.subscriptions.statuses(topicArn)).get(contact.email.toLowerCase())?.subscriptionArn;
  }
  if (isArn(arn)) await deps.subscriptions.unsubscribe(arn);
}

/** Writes, and undoes a fresh subscription if the write is refused (a rejected request changes nothing). */
async function writeOrUndo(deps: Deps, writes: Write[], fresh: EmailState | undefined): Promise<void> {
  try {
    await deps.store.write(writes);
  } catch (error) {
    if (isArn(fresh?.subscriptionArn)) await deps.subscriptions.unsubscribe(fresh.subscriptionArn);
    throw error;
  }
}

function contactOf(
  unitId: string,
  id: string,
  input: ContactInput,
  email: EmailState,
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
  if (email.subscriptionArn !== undefined) contact.subscriptionArn = email.subscriptionArn;
  return contact;
}

export async function createContact(
  deps: Deps,
  unitId: string,
  input: ContactInput & { id?: string | undefined },
): Promise<Contact> {
  const unit = found(await deps.store.getUnit(unitId), `unit ${unitId}`);
  const id = input.id ?? newId();
  if (await deps.store.getContact(unitId, id))
    throw new ConflictError(`contact ${id} already exists in unit ${unitId}`);
  const writes: Write[] = [];
  let email: EmailState = { emailStatus: 'none' };
  if (wantsEmail(input) && input.email) {
    const topic = await topicOf(deps, unit);
    if (topic.unitWrite) writes.push(topic.unitWrite);
    email = await subscribe(deps, topic.topicArn, input.email);
  }
  const now = deps.clock.now().toISOString();
  const contact = contactOf(unitId, id, input, email, { version: 1, createdAt: now, updatedAt: now });
  writes.push({ op: 'put', entity: { kind: 'contact', value: contact }, expect: 'absent' });
  await writeOrUndo(deps, writes, email);
  return contact;
}

export async function updateContact(
  deps: Deps,
  unitId: string,
  id: string,
  input: ContactInput,
  ifMatch?: number,
): Promise<Contact> {
  const unit = found(await deps.store.getUnit(unitId), `unit ${unitId}`);
  const stored = found(await deps.store.getContact(unitId, id), `contact ${id}`);
  checkVersion(`contact ${id}`, stored.version, ifMatch);
  const wasSubscribed = stored.emailStatus !== 'none';
  const sameAddress =
    wasSubscribed && wantsEmail(input) && input.email?.toLowerCase() === stored.email?.toLowerCase();
  const writes: Write[] = [];
  let email: EmailState = sameAddress
    ? {
        emailStatus: stored.emailStatus,
        ...(stored.subscriptionArn ? { subscriptionArn: stored.subscriptionArn } : {}),
      }
    : { emailStatus: 'none' };
  let fresh: EmailState | undefined;
  if (!sameAddress && wantsEmail(input) && input.email) {
    const topic = await topicOf(deps, unit);
    if (topic.unitWrite) writes.push(topic.unitWrite);
    email = fresh = await subscribe(deps, topic.topicArn, input.email);
  }
  const contact = contactOf(unitId, id, input, email, {
    version: stored.version + 1,
    createdAt: stored.createdAt,
    updatedAt: deps.clock.now().toISOString(),
  });
  writes.push({ op: 'put', entity: { kind: 'contact', value: contact }, expect: stored.version });
  await writeOrUndo(deps, writes, fresh);
  if (wasSubscribed && !sameAddress) await unsubscribe(deps, unit.emailTopicArn, stored);
  return contact;
}

export async function deleteContact(deps: Deps, unitId: string, id: string, ifMatch?: number): Promise<void> {
  const unit = found(await deps.store.getUnit(unitId), `unit ${unitId}`);
  const stored = found(await deps.store.getContact(unitId, id), `contact ${id}`);
  checkVersion(`contact ${id}`, stored.version, ifMatch);
  await deps.store.write([{ op: 'delete', ref: { kind: 'contact', unitId, id }, expect: stored.version }]);
  if (stored.emailStatus !== 'none') await unsubscribe(deps, unit.emailTopicArn, stored);
}
