import { OFFSET_MS } from '#domain/local-time';
import type { Dependencies } from '#ports/dependencies';
import type { Contact } from '#schemas/entities';
import { ConflictError } from '#shared/errors';
import { logger } from '#shared/logger';

type EmailStatusDeps = Pick<Dependencies, 'store' | 'clock' | 'subscriptions'>;

/** A pending flag younger than this stays: the index may not show its contact yet. */
const SETTLE_MS = 60_000;

/**
 * Refreshes contacts' `emailStatus` (none / pending / confirmed) and `subscriptionArn` from their
 * own SNS topic: a recipient confirms by clicking the link SNS mailed, which the engine only learns
 * by asking. It reads the sparse index of contacts whose subscription is pending (keys.ts
 * `EMAILS#pending`) only while the sweep's due-mark query found the flag that one may be
 * (`pendingSince`, set whenever a contact's subscription becomes pending), and drops the flag once
 * none is left; on Mondays it reads the pending and the confirmed ones (to notice recipients who
 * unsubscribed) whatever the flag says. A contact is written only when SNS says something new; one
 * changed concurrently is left for the next sweep. Returns how many contacts were checked and changed.
 */
export async function refreshEmailStatuses(
  deps: EmailStatusDeps,
  pendingSince: string | undefined,
): Promise<{ emailsChecked: number; contactsUpdated: number }> {
  const now = deps.clock.now();
  const monday = new Date(now.getTime() + OFFSET_MS).getUTCDay() === 1;
  // Confirmed first: an address confirmed in the pending pass is not asked about twice.
  const statuses: ('pending' | 'confirmed')[] = monday
    ? ['confirmed', 'pending']
    : pendingSince
      ? ['pending']
      : [];
  let emailsChecked = 0;
  let contactsUpdated = 0;
  let stillPending = 0;
  for (const status of statuses) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.listEmailContacts(status, { limit: 100, ...(cursor && { cursor }) });
      for (const contact of page.items) {
        if (!contact.email || !contact.emailTopicArn) continue;
        emailsChecked++;
        const found = (await deps.subscriptions.statuses(contact.emailTopicArn)).get(
          contact.email.toLowerCase(),
        );
        const next: Contact = { ...contact, emailStatus: found?.status ?? 'none' };
        if (found?.subscriptionArn) next.subscriptionArn = found.subscriptionArn;
        const unchanged =
          next.emailStatus === contact.emailStatus && next.subscriptionArn === contact.subscriptionArn;
        const saved = !unchanged && (await save(deps, contact, next));
        if (saved) contactsUpdated++;
        if ((saved ? next : contact).emailStatus === 'pending') stillPending++;
      }
      cursor = page.cursor;
    } while (cursor);
  }
  const settled = pendingSince && now.getTime() - Date.parse(pendingSince) >= SETTLE_MS;
  if (settled && statuses.includes('pending') && stillPending === 0)
    await deps.store.clearEmailsPending(pendingSince);
  logger.info('email subscriptions refreshed', { emailsChecked, contactsUpdated });
  return { emailsChecked, contactsUpdated };
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
