import { describe, expect, it } from 'vitest';
import { refreshEmailStatuses } from '../../../shared/usecases/engine/email-statuses.ts';
import { createEngine, seedProvince } from './harness.ts';

const TOPIC = 'arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-unit-so-noi-vu';

describe('email subscription refresh', () => {
  it('does not ask SNS about a unit whose addresses are all confirmed on a weekday other than Monday', async () => {
    const e = await createEngine('email-weekday', '2026-03-20T00:30:00.000Z'); // Fri 07:30 local
    await seedProvince(e, { confirmedEmail: true });
    e.subscriptions.topics.set(TOPIC, new Map()); // the head has unsubscribed meanwhile

    const result = await refreshEmailStatuses(e.deps);

    expect(result).toEqual({ units: 0, contactsUpdated: 0 });
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({ emailStatus: 'confirmed' });
  });

  it('notices on Monday that a confirmed recipient unsubscribed', async () => {
    const e = await createEngine('email-monday', '2026-03-23T00:30:00.000Z'); // Mon 07:30 local
    await seedProvince(e, { confirmedEmail: true });
    e.subscriptions.topics.set(TOPIC, new Map());

    const result = await refreshEmailStatuses(e.deps);

    expect(result).toEqual({ units: 1, contactsUpdated: 1 });
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({ emailStatus: 'none' });
  });
});
