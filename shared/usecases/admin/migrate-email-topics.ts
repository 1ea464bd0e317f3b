import type { Clock } from '#ports/clock';
import type { EmailSubscriptions } from '#ports/notifier';
import type { UnitReads, Writes } from '#ports/store';
import type { Contact, Unit } from '#schemas/entities';
import { describeError, logger } from '#shared/logger';
import { changeEmail, wantsEmail } from './contact-email.ts';

interface Deps {
  store: UnitReads & Writes;
  subscriptions: EmailSubscriptions;
  clock: Clock;
}

export interface EmailTopicsMigration {
  /** Units that still had a shared topic. */
  units: number;
  /** Contacts given their own topic (each gets SNS's confirmation email again). */
  contactsMoved: number;
  /** Unit topics deleted (with their subscriptions). */
  unitTopicsDeleted: number;
  /** What could not be moved (a contact changed meanwhile, an SNS error): run again. */
  failures: string[];
}

/**
 * The one-shot move from one SNS topic per unit (releases before per-contact topics) to one per
 * contact: every contact of a unit with a shared topic who wants email gets their own topic and
 * subscription, then the unit topic is deleted (SNS removes its subscriptions) and forgotten.
 * Idempotent and resumable: a moved contact or a unit without a topic is skipped, a unit whose
 * contacts did not all move keeps its topic until the next run. `dryRun` counts and changes nothing.
 */
export async function migrateEmailTopics(deps: Deps, { dryRun = false } = {}): Promise<EmailTopicsMigration> {
  const result: EmailTopicsMigration = { units: 0, contactsMoved: 0, unitTopicsDeleted: 0, failures: [] };
  let cursor: string | undefined;
  do {
    const page = await deps.store.listUnits({ limit: 100, ...(cursor && { cursor }) });
    for (const unit of page.items) {
      if (!unit.emailTopicArn) continue;
      result.units++;
      const contacts = await deps.store.listContacts(unit.id);
      const moving = contacts.filter((c) => !c.emailTopicArn && wantsEmail(c));
      if (dryRun) {
        result.contactsMoved += moving.length;
        result.unitTopicsDeleted++;
        continue;
      }
      let moved = 0;
      for (const contact of moving) {
        if (await moveContact(deps, contact, result)) moved++;
      }
      result.contactsMoved += moved;
      if (moved === moving.length && (await dropUnitTopic(deps, unit, result))) result.unitTopicsDeleted++;
    }
    cursor = page.cursor;
  } while (cursor);
  logger.info('email topics migrated', { ...result, dryRun });
  return result;
}

async function moveContact(deps: Deps, contact: Contact, result: EmailTopicsMigration): Promise<boolean> {
  try {
    const change = await changeEmail(deps.subscriptions, contact, contact);
    const value: Contact = {
      ...contact,
      ...change.fields,
      version: contact.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.store.write([{ op: 'put', entity: { kind: 'contact', value }, expect: contact.version }]);
    } catch (error) {
      await change.undo();
      throw error;
    }
    await change.after();
    return true;
  } catch (error) {
    result.failures.push(`contact ${contact.id} of unit ${contact.unitId}: ${describeError(error)}`);
    return false;
  }
}

async function dropUnitTopic(deps: Deps, unit: Unit, result: EmailTopicsMigration): Promise<boolean> {
  const { emailTopicArn, ...rest } = unit;
  try {
    if (emailTopicArn) await deps.subscriptions.deleteTopic(emailTopicArn);
    const value: Unit = { ...rest, version: unit.version + 1, updatedAt: deps.clock.now().toISOString() };
    await deps.store.write([{ op: 'put', entity: { kind: 'unit', value }, expect: unit.version }]);
    return true;
  } catch (error) {
    result.failures.push(`unit ${unit.id}: ${describeError(error)}`);
    return false;
  }
}
