import { describe, expect, it } from 'vitest';
import type { Write } from '#ports/store';
import { countRequests } from '../../../local/runtime/request-counter.ts';
import { refreshEmailStatuses } from '../../../shared/usecases/engine/email-statuses.ts';
import { sweep } from '../../../shared/usecases/engine/sweep.ts';
import { contact, createEngine, type Engine, HEAD_PHONE, seedProvince, TOPIC, unit } from './harness.ts';

/** The refresh as the sweep runs it: told by the due-mark query whether a subscription may be pending. */
async function refresh(e: Engine) {
  return refreshEmailStatuses(e.deps, (await e.deps.digests.dueMarks(e.clock.now())).emailsPendingSince);
}

const confirmedOnSns = new Map([
  ['giamdoc@snv.gov.vn', { status: 'confirmed' as const, subscriptionArn: `${TOPIC}:1` }],
]);

describe('email subscription refresh', () => {
  it('does not ask SNS about a confirmed address on a weekday other than Monday', async () => {
    const e = await createEngine('email-weekday', '2026-03-20T00:30:00.000Z'); // Fri 07:30 local
    await seedProvince(e, { confirmedEmail: true });
    e.subscriptions.topics.set(TOPIC, new Map()); // the head has unsubscribed meanwhile

    const result = await refresh(e);

    expect(result).toEqual({ emailsChecked: 0, contactsUpdated: 0 });
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({ emailStatus: 'confirmed' });
  });

  it('records a pending address once confirmed, and asks SNS no more about it the next day', async () => {
    const e = await createEngine('email-pending', '2026-03-19T00:30:00.000Z'); // Thu 07:30 local
    await seedProvince(e);
    e.subscriptions.topics.set(TOPIC, confirmedOnSns);
    const first = await refresh(e);
    e.clock.set('2026-03-20T00:30:00.000Z');

    const next = await refresh(e);

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

    const result = await refresh(e);

    expect(result).toEqual({ emailsChecked: 1, contactsUpdated: 0 });
    expect((await e.deps.store.getContact('so-noi-vu', 'gd'))?.version).toBe(before?.version);
  });

  it('notices on Monday that a confirmed recipient unsubscribed, and drops them from the index', async () => {
    const e = await createEngine('email-monday', '2026-03-23T00:30:00.000Z'); // Mon 07:30 local
    await seedProvince(e, { confirmedEmail: true });
    e.subscriptions.topics.set(TOPIC, new Map());

    const result = await refresh(e);

    expect(result).toEqual({ emailsChecked: 1, contactsUpdated: 1 });
    expect(await e.deps.store.getContact('so-noi-vu', 'gd')).toMatchObject({ emailStatus: 'none' });
    expect((await e.deps.store.listEmailContacts('confirmed')).items).toEqual([]);
    expect((await e.deps.store.listEmailContacts('pending')).items).toEqual([]);
  });
});

describe('the pending flag the sweep reads', () => {
  it('flags a pending subscription when its contact is written, and drops the flag once it is confirmed', async () => {
    const e = await createEngine('email-flag', '2026-03-19T00:30:00.000Z'); // Thu 07:30 local
    await seedProvince(e);
    const flagged = (await e.deps.digests.dueMarks(e.clock.now())).emailsPendingSince;
    e.subscriptions.topics.set(TOPIC, confirmedOnSns);
    e.clock.set('2026-03-20T00:30:00.000Z'); // Fri 07:30

    await refresh(e);

    expect(flagged).toBe('2026-03-19T00:30:00.000Z');
    expect((await e.deps.digests.dueMarks(e.clock.now())).emailsPendingSince).toBeUndefined();
  });

  it('keeps the flag while an address stays pending', async () => {
    const e = await createEngine('email-flag-kept', '2026-03-19T00:30:00.000Z');
    await seedProvince(e);
    e.subscriptions.topics.set(TOPIC, new Map([['giamdoc@snv.gov.vn', { status: 'pending' as const }]]));
    e.clock.set('2026-03-20T00:30:00.000Z');

    await refresh(e);

    expect((await e.deps.digests.dueMarks(e.clock.now())).emailsPendingSince).toBe(
      '2026-03-19T00:30:00.000Z',
    );
  });

  it('keeps a flag set less than a minute ago, whose contact the index may not show yet', async () => {
    const e = await createEngine('email-flag-young', '2026-03-19T00:30:00.000Z');
    await seedProvince(e);
    e.subscriptions.topics.set(TOPIC, confirmedOnSns);
    e.clock.set('2026-03-19T00:30:30.000Z');

    await refresh(e);

    expect((await e.deps.digests.dueMarks(e.clock.now())).emailsPendingSince).toBe(
      '2026-03-19T00:30:00.000Z',
    );
  });

  it('lets a weekday sweep with nothing pending and nothing due read one item partition, once', async () => {
    const e = await createEngine('email-flag-sweep', '2026-03-19T00:30:00.000Z');
    await seedProvince(e, { confirmedEmail: true });
    await sweep(e.deps); // the first sweep reads every shard once
    e.clock.set('2026-03-20T00:30:00.000Z'); // Fri 07:30
    const requests = countRequests(e.table.doc);

    const result = await sweep(e.deps);

    expect(result).toMatchObject({ emailsChecked: 0, failures: 0 });
    expect(requests.counts()).toEqual({ Query: 1, total: 1 });
  });
});

describe('email subscription refresh, counted at the SDK boundary', () => {
  /** The demo's size: 33 units, a head and a focal officer each, one address still pending. */
  async function province(e: Engine): Promise<void> {
    const writes: Write[] = [];
    for (let u = 0; u < 33; u++) {
      const unitId = `don-vi-${u}`;
      writes.push({ op: 'put', entity: { kind: 'unit', value: unit(unitId, `Đơn vị ${u}`, null) } });
      for (const [id, role] of [
        ['gd', 'head'],
        ['cv', 'focal'],
      ] as const) {
        const pending = u === 0 && id === 'gd';
        const value = contact(unitId, id, role, HEAD_PHONE, {
          email: `${id}.${u}@backan.gov.vn`,
          emailStatus: pending ? 'pending' : 'confirmed',
          emailTopicArn: `arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-contact-${unitId}-${id}`,
        });
        writes.push({ op: 'put', entity: { kind: 'contact', value } });
      }
    }
    for (let i = 0; i < writes.length; i += 25) await e.deps.store.write(writes.slice(i, i + 25));
  }

  it('reads one index partition on a weekday, however many units the province has', async () => {
    const e = await createEngine('email-count', '2026-03-20T00:30:00.000Z'); // Fri 07:30 local
    await province(e);
    e.subscriptions.topics.set(
      'arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-contact-don-vi-0-gd',
      new Map([['gd.0@backan.gov.vn', { status: 'pending' as const }]]),
    );
    const since = (await e.deps.digests.dueMarks(e.clock.now())).emailsPendingSince;
    const requests = countRequests(e.table.doc);

    const result = await refreshEmailStatuses(e.deps, since);

    expect(result).toEqual({ emailsChecked: 1, contactsUpdated: 0 });
    expect(requests.counts()).toEqual({ Query: 1, total: 1 });
  });

  it('reads the confirmed partition too on Monday, and writes only the contact that changed', async () => {
    const e = await createEngine('email-count-monday', '2026-03-23T00:30:00.000Z'); // Mon 07:30 local
    await province(e);
    const topic = 'arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-contact-don-vi-0-gd';
    e.subscriptions.topics.set(topic, new Map([['gd.0@backan.gov.vn', { status: 'confirmed' as const }]]));
    for (let u = 0; u < 33; u++)
      for (const id of ['gd', 'cv'])
        if (!(u === 0 && id === 'gd'))
          e.subscriptions.topics.set(
            `arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-contact-don-vi-${u}-${id}`,
            new Map([[`${id}.${u}@backan.gov.vn`, { status: 'confirmed' as const }]]),
          );
    const since = (await e.deps.digests.dueMarks(e.clock.now())).emailsPendingSince;
    const requests = countRequests(e.table.doc);

    const result = await refreshEmailStatuses(e.deps, since);

    expect(result).toEqual({ emailsChecked: 66, contactsUpdated: 1 });
    expect(requests.total(['Query'])).toBe(2);
    expect(requests.total()).toBe(3);
  });
});
