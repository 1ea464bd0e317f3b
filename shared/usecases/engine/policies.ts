import { defaultPolicy, type ReminderPolicy } from '#domain/policy';
import type { PolicyReads, StoredPolicy } from '#ports/store';
import { logger } from '#shared/logger';

/**
 * The policy an assignment names, given what is stored under that name. The built-in `mac-dinh`
 * needs no stored item; an unknown name (deleted policy) falls back to it with a warning rather
 * than silencing the assignment.
 */
export function resolvePolicy(name: string, stored: StoredPolicy | undefined): ReminderPolicy {
  if (!stored && name !== defaultPolicy.name)
    logger.warn('unknown reminder policy, using the default', { policy: name });
  return stored ?? defaultPolicy;
}

/** The policy an assignment names, read by its key. */
export async function loadPolicy(
  store: Pick<PolicyReads, 'getPolicy'>,
  name: string,
): Promise<ReminderPolicy> {
  return resolvePolicy(name, await store.getPolicy(name));
}
