import {
  CreateTopicCommand,
  DeleteTopicCommand,
  InvalidParameterException,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import '../../support/aws-matchers.ts';
import { contactTopicName } from '#adapters/aws-names';
import { type Api, seedProvince, setupApi } from './harness.ts';

const ARN_PREFIX = 'arn:aws:sns:ap-southeast-1:123456789012:';
const TOPIC_NAME = contactTopicName('dondoc-test-contact-', {
  unitId: 'so-noi-vu',
  contactId: 'gd-so-noi-vu',
});

const head = {
  id: 'gd-so-noi-vu',
  name: 'Nguyễn Văn An',
  role: 'head',
  phone: '0912 345 678',
  email: 'an@backan.gov.vn',
};

const { id: _id, ...headPut } = head;

describe('contacts', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('api-contacts');
    await seedProvince(api);
  });

  it("stores the phone in E.164 and subscribes the email to the contact's own topic as pending", async () => {
    const res = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ phone: '+84912345678', emailStatus: 'pending', unitId: 'so-noi-vu' });
    expect(res.json.emailTopicArn).toBe(`${ARN_PREFIX}${TOPIC_NAME}`);
    expect(res.json.subscriptionArn).toMatch(new RegExp(`^${res.json.emailTopicArn}:`));
    expect(api.sns.mock).toHaveReceivedCommandWith(CreateTopicCommand, { Name: TOPIC_NAME });
    expect(api.sns.mock).toHaveReceivedCommandWith(SubscribeCommand, {
      TopicArn: res.json.emailTopicArn,
      Protocol: 'email',
      Endpoint: 'an@backan.gov.vn',
    });
  });

  it('gives each contact of a unit their own topic, so no email reaches a colleague', async () => {
    const a = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });
    const b = await api.call({
      method: 'POST',
      path: '/units/so-noi-vu/contacts',
      body: { ...head, id: 'cv-so-noi-vu', role: 'focal', email: 'binh@backan.gov.vn' },
    });

    expect(a.json.emailTopicArn).not.toBe(b.json.emailTopicArn);
    expect([...api.sns.subscriptions.values()].map((s) => [s.topicArn, s.email])).toEqual([
      [a.json.emailTopicArn, 'an@backan.gov.vn'],
      [b.json.emailTopicArn, 'binh@backan.gov.vn'],
    ]);
  });

  it('answers 400 on email when SNS refuses the address, and stores nothing', async () => {
    api.sns.mock
      .on(SubscribeCommand, { Endpoint: 'an@backan.gov.vn' })
      .rejects(new InvalidParameterException({ message: 'Invalid parameter: Endpoint', $metadata: {} }));
    const before = await api.countItems();

    const res = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'email', rule: expect.stringContaining('SNS') }]);
    expect(await api.countItems()).toBe(before);
  });

  it('marks an address SNS already shows as confirmed on the contact topic as confirmed', async () => {
    const created = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });
    api.sns.confirm(head.email);
    const { json: c } = created;
    await api.deps.store.write([
      {
        op: 'put',
        entity: { kind: 'contact', value: { ...c, emailStatus: 'none', version: c.version + 1 } },
      },
    ]);

    const res = await api.call({
      method: 'PUT',
      path: '/units/so-noi-vu/contacts/gd-so-noi-vu',
      body: headPut,
    });

    expect(res.json).toMatchObject({ emailStatus: 'confirmed', emailTopicArn: c.emailTopicArn });
  });

  it('unsubscribes the old address and subscribes the new one on change', async () => {
    const created = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    const res = await api.call({
      method: 'PUT',
      path: '/units/so-noi-vu/contacts/gd-so-noi-vu',
      body: { name: head.name, role: 'head', phone: '+84 912 345 678', email: 'an.nv@backan.gov.vn' },
    });

    expect(res.status).toBe(200);
    expect(api.sns.mock).toHaveReceivedCommandWith(UnsubscribeCommand, {
      SubscriptionArn: created.json.subscriptionArn,
    });
    expect([...api.sns.subscriptions.values()].map((s) => s.email)).toEqual(['an.nv@backan.gov.vn']);
  });

  it("deletes the contact's topic, and with it the subscription, when the contact is removed", async () => {
    const created = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    const res = await api.call({ method: 'DELETE', path: '/units/so-noi-vu/contacts/gd-so-noi-vu' });

    expect(res.status).toBe(204);
    expect(api.sns.mock).toHaveReceivedCommandWith(DeleteTopicCommand, {
      TopicArn: created.json.emailTopicArn,
    });
    expect(api.sns.subscriptions.size).toBe(0);
  });

  it('deletes the topic when the contact no longer wants email', async () => {
    const created = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    const res = await api.call({
      method: 'PUT',
      path: '/units/so-noi-vu/contacts/gd-so-noi-vu',
      body: { ...headPut, channels: ['sms'] },
    });

    expect(res.json).toMatchObject({ emailStatus: 'none' });
    expect(res.json.emailTopicArn).toBeUndefined();
    expect(api.sns.mock).toHaveReceivedCommandWith(DeleteTopicCommand, {
      TopicArn: created.json.emailTopicArn,
    });
  });

  it("moves a contact still on the unit's shared topic of an older release to their own topic", async () => {
    const legacyTopic = `${ARN_PREFIX}dondoc-test-unit-so-noi-vu`;
    const legacySub = `${legacyTopic}:1111`;
    api.sns.subscriptions.set(legacySub, { topicArn: legacyTopic, email: head.email, confirmed: true });
    const stamp = {
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    await api.deps.store.write([
      {
        op: 'put',
        entity: {
          kind: 'contact',
          value: {
            id: 'gd-so-noi-vu',
            unitId: 'so-noi-vu',
            name: head.name,
            role: 'head',
            email: head.email,
            channels: ['sms', 'email'],
            emailStatus: 'confirmed',
            subscriptionArn: legacySub,
            ...stamp,
          },
        },
      },
    ]);

    const res = await api.call({
      method: 'PUT',
      path: '/units/so-noi-vu/contacts/gd-so-noi-vu',
      body: headPut,
    });

    expect(res.json).toMatchObject({ emailStatus: 'pending', emailTopicArn: `${ARN_PREFIX}${TOPIC_NAME}` });
    expect(api.sns.mock).toHaveReceivedCommandWith(UnsubscribeCommand, { SubscriptionArn: legacySub });
  });

  it('rejects a landline with the phone rule and subscribes nothing', async () => {
    const res = await api.call({
      method: 'POST',
      path: '/units/so-noi-vu/contacts',
      body: { ...head, phone: '024 3825 1234' },
    });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'phone', rule: expect.stringContaining('Vietnamese mobile number') },
    ]);
    expect(api.sns.mock).not.toHaveReceivedCommand(SubscribeCommand);
  });

  it('lists the contacts of a unit', async () => {
    await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    const res = await api.call({ method: 'GET', path: '/units/so-noi-vu/contacts' });

    expect(res.json.items.map((c: { id: string }) => c.id)).toEqual(['gd-so-noi-vu']);
  });

  it('answers 404 for the contacts of an unknown unit', async () => {
    const res = await api.call({ method: 'GET', path: '/units/khong-co/contacts' });

    expect(res.status).toBe(404);
  });
});
