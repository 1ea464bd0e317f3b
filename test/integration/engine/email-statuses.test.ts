import { describe, expect, it } from 'vitest';
import { refreshEmailStatuses } from '../../../shared/usecases/engine/email-statuses.ts';
import { createEngine, seedProvince, TOPIC } from './harness.ts';

const confirmedOnSns = new Map([
  ['giamdoc@snv.gov.vn', { status: 'confirmed' as const, subscriptionArn: `${TOPIC}:1` }],
]);

describe('email subscription refresh', () => {
  it('does not ask SNS about a confirmed address on a weekday other than Monday', async () => {
    const e = await createEngine('email-weekday', '2026-03-20T00:30:00.000Z'); // Fri 07:30 local
    await seedProvince(e, { confirmedEmail: true });
    e.subscriptions.topics.set(TOPIC, new Map()); // the head has unsubscribed meanwhile

    const result = await refreshEmailStatuses(e.deps);

    expect(result).toEqual({ emailsChecked: 0, contactsUpdated: 0 });
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({ emailStatus: 'confirmed' });
  });

  it('records a pending address once confirmed, and asks SNS no more about it the next day', async () => {
    const e = await createEngine('email-pending', '2026-03-19T00:30:00.000Z'); // Thu 07:30 local
    await seedProvince(e);
    e.subscriptions.topics.set(TOPIC, confirmedOnSns);
    const first = await refreshEmailStatuses(e.deps);
    e.clock.set('2026-03-20T00:30:00.000Z');

    const next = await refreshEmailStatuses(e.deps);

    expect([first, next]).toEqual([
      { emailsChecked: 1, contactsUpdated: 1 },
      { emailsChecked: 0, contactsUpdated: 0 },
    ]);
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({
      emailStatus: 'confirmed',
      subscriptionArn: `${TOPIC}:1`,
    });
  });

  it('writes nothing while an address stays pending', async () => {
    const e = await createEngine('email-still-pending', '2026-03-19T00:30:00.000Z');
    await seedProvince(e);
    e.subscriptions.topics.set(TOPIC, new Map([['giamdoc@snv.gov.vn', { status: 'pending' as const }]]));
    const before = await e.deps.store.getContact('so-noi-vu', 'gd');

    const result = await refreshEmailStatuses(e.deps);

    expect(result).toEqual({ emailsChecked: 1, contactsUpdated: 0 });
    expect((await e.deps.store.getContact('so-noi-vu', 'gd'))?.version).toBe(before?.version);
  });

  it('notices on Monday that a confirmed recipient unsubscribed, and drops them from the index', async () => {
    const e = await createEngine('email-monday', '2026-03-23T00:30:00.000Z'); // Mon 07:30 local
    await seedProvince(e, { confirmedEmail: true });
    e.subscriptions.topics.set(TOPIC, new Map());

    const result = await refreshEmailStatuses(e.deps);

    expect(result).toEqual({ emailsChecked: 1, contactsUpdated: 1 });
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({ emailStatus: 'none' });
    expect((await e.deps.store.listEmailContacts('confirmed')).items).toEqual([]);
    expect((await e.deps.store.listEmailContacts('pending')).items).toEqual([]);
  });
});
