import { defaultPolicy, type ReminderPolicy } from '#domain/policy';
import type { PolicyReads } from '#ports/store';
import { logger } from '#shared/logger';

/**
 * The policy an assignment names. The built-in `mac-dinh` needs no stored item; an unknown name
 * (deleted policy) falls back to it with a warning rather than silencing the assignment.
 */
export async function loadPolicy(
  store: Pick<PolicyReads, 'getPolicy'>,
  name: string,
  cache?: Map<string, ReminderPolicy>,
): Promise<ReminderPolicy> {
  const hit = cache?.get(name);
  if (hit) return hit;
  const stored = await store.getPolicy(name);
  if (!stored && name !== defaultPolicy.name)
    logger.warn('unknown reminder policy, using the default', { policy: name });
  const policy = stored ?? defaultPolicy;
  cache?.set(name, policy);
  return policy;
}
