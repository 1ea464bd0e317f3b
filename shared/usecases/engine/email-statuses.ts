import { OFFSET_MS } from '#domain/local-time';
import type { Dependencies } from '#ports/dependencies';
import type { Contact } from '#schemas/entities';
import { ConflictError } from '#shared/errors';
import { logger } from '#shared/logger';

type EmailStatusDeps = Pick<Dependencies, 'store' | 'clock' | 'subscriptions'>;

/**
 * Refreshes contacts' `emailStatus` (none / pending / confirmed) and `subscriptionArn` from their
 * unit's SNS topic: a recipient confirms by clicking the link SNS mailed, which the engine only
 * learns by asking. SNS is asked daily for units with a pending address, and for every unit with
 * an address on Mondays (to notice recipients who unsubscribed). Returns how many contacts changed.
 * A contact changed concurrently is left for the next sweep.
 */
export async function refreshEmailStatuses(
  deps: EmailStatusDeps,
): Promise<{ units: number; contactsUpdated: number }> {
  const fullRefresh = new Date(deps.clock.now().getTime() + OFFSET_MS).getUTCDay() === 1;
  let units = 0;
  let contactsUpdated = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.store.listUnits({ limit: 100, ...(cursor && { cursor }) });
    for (const unit of page.items) {
      if (!unit.emailTopicArn) continue;
      const contacts = (await deps.store.listContacts(unit.id)).filter((c) => c.email);
      if (!contacts.some((c) => fullRefresh || c.emailStatus === 'pending')) continue;
      units++;
      const statuses = await deps.subscriptions.statuses(unit.emailTopicArn);
      for (const contact of contacts) {
        if (!contact.email) continue;
        const found = statuses.get(contact.email.toLowerCase());
        const next: Contact = { ...contact, emailStatus: found?.status ?? 'none' };
        if (found?.subscriptionArn) next.subscriptionArn = found.subscriptionArn;
        if (next.emailStatus === contact.emailStatus && next.subscriptionArn === contact.subscriptionArn)
          continue;
        if (await save(deps, contact, next)) contactsUpdated++;
      }
    }
    cursor = page.cursor;
  } while (cursor);
  logger.info('email subscriptions refreshed', { units, contactsUpdated });
  return { units, contactsUpdated };
}

async function save(deps: EmailStatusDeps, before: Contact, after: Contact): Promise<boolean> {
  const value = { ...after, version: before.version + 1, updatedAt: deps.clock.now().toISOString() };
  try {
    await deps.store.write([{ op: 'put', entity: { kind: 'contact', value }, expect: before.version }]);
    logger.info('email status changed', {
      unitId: before.unitId,
      contactId: before.id,
      emailStatus: after.emailStatus,
    });
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
