import { DeleteTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Contact, Unit } from '#schemas/entities';
import { migrateEmailTopics } from '#usecases/admin/migrate-email-topics';
import '../../support/aws-matchers.ts';
import { type Api, setupApi } from '../../functions/api/harness.ts';

const LEGACY = 'arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-unit-so-noi-vu';
const stamp = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const unit: Unit = {
  id: 'so-noi-vu',
  name: 'Sở Nội vụ',
  kind: 'department',
  parentId: null,
  emailTopicArn: LEGACY,
  ...stamp,
};

function legacyContact(id: string, email: string | undefined, confirmed: boolean): Contact {
  return {
    id,
    unitId: 'so-noi-vu',
    name: `Cán bộ ${id}`,
    role: id === 'gd' ? 'head' : 'focal',
    phone: '+84912345678',
    channels: ['sms', 'email'],
    emailStatus: email ? (confirmed ? 'confirmed' : 'pending') : 'none',
    ...(email && { email, subscriptionArn: `${LEGACY}:${id}` }),
    ...stamp,
  };
}

describe('migrating unit topics to one topic per contact', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('migrate-topics');
    const contacts = [
      legacyContact('gd', 'an@backan.gov.vn', true),
      legacyContact('cv', 'binh@backan.gov.vn', false),
      legacyContact('vt', undefined, false),
    ];
    for (const c of contacts)
      if (c.email)
        api.sns.subscriptions.set(`${LEGACY}:${c.id}`, { topicArn: LEGACY, email: c.email, confirmed: true });
    await api.deps.store.write([
      { op: 'put', entity: { kind: 'unit', value: unit } },
      ...contacts.map((value) => ({ op: 'put' as const, entity: { kind: 'contact' as const, value } })),
    ]);
  });

  it('gives every address its own pending topic, deletes the unit topic and forgets it', async () => {
    const result = await migrateEmailTopics(api.deps);

    expect(result).toEqual({ units: 1, contactsMoved: 2, unitTopicsDeleted: 1, failures: [] });
    const contacts = await api.deps.store.listContacts('so-noi-vu');
    expect(
      contacts.map((c) => [c.id, c.emailStatus, c.emailTopicArn?.includes('dondoc-test-contact-so-noi-vu-')]),
    ).toEqual([
      ['cv', 'pending', true],
      ['gd', 'pending', true],
      ['vt', 'none', undefined],
    ]);
    expect(api.sns.mock).toHaveReceivedCommandWith(DeleteTopicCommand, { TopicArn: LEGACY });
    expect((await api.deps.store.getUnit('so-noi-vu'))?.emailTopicArn).toBeUndefined();
    expect((await api.deps.store.listEmailContacts('pending')).items.map((c) => c.id)).toEqual(['cv', 'gd']);
  });

  it('does nothing the second time', async () => {
    await migrateEmailTopics(api.deps);
    api.sns.mock.resetHistory();

    const again = await migrateEmailTopics(api.deps);

    expect(again).toEqual({ units: 0, contactsMoved: 0, unitTopicsDeleted: 0, failures: [] });
    expect(api.sns.mock).not.toHaveReceivedCommand(SubscribeCommand);
  });

  it('keeps the unit topic, and says so, when an address cannot be moved', async () => {
    api.sns.mock.on(SubscribeCommand, { Endpoint: 'binh@backan.gov.vn' }).rejects(new Error('SNS is down'));

    const result = await migrateEmailTopics(api.deps);

    expect(result).toMatchObject({ contactsMoved: 1, unitTopicsDeleted: 0 });
    expect(result.failures).toEqual([expect.stringContaining('contact cv of unit so-noi-vu')]);
    expect((await api.deps.store.getUnit('so-noi-vu'))?.emailTopicArn).toBe(LEGACY);
    const cv = await api.deps.store.getContact('so-noi-vu', 'cv');
    expect([cv?.emailStatus, cv?.emailTopicArn]).toEqual(['pending', undefined]);
    const deleted = api.sns.mock.commandCalls(DeleteTopicCommand).map((c) => c.args[0].input.TopicArn);
    expect(deleted).toEqual([expect.stringContaining('dondoc-test-contact-so-noi-vu-cv-')]);
  });

  it('changes nothing in a dry run', async () => {
    const result = await migrateEmailTopics(api.deps, { dryRun: true });

    expect(result).toEqual({ units: 1, contactsMoved: 2, unitTopicsDeleted: 1, failures: [] });
    expect(api.sns.mock).not.toHaveReceivedCommand(SubscribeCommand);
    expect((await api.deps.store.getUnit('so-noi-vu'))?.emailTopicArn).toBe(LEGACY);
  });
});
