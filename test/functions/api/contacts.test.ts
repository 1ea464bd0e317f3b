import {
  CreateTopicCommand,
  InvalidParameterException,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import '../../support/aws-matchers.ts';
import { type Api, seedProvince, setupApi } from './harness.ts';

const head = {
  id: 'gd-so-noi-vu',
  name: 'Nguyễn Văn An',
  role: 'head',
  phone: '0912 345 678',
  email: 'an@backan.gov.vn',
};

describe('contacts', () => {
  let api: Api;
  beforeEach(async () => {
    api = await setupApi('api-contacts');
    await seedProvince(api);
  });

  it('stores the phone in E.164 and subscribes the email to the unit topic as pending', async () => {
    const res = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ phone: '+84912345678', emailStatus: 'pending', unitId: 'so-noi-vu' });
    expect(res.json.subscriptionArn).toMatch(/^arn:aws:sns:.*:dondoc-test-unit-so-noi-vu:/);
    expect(api.sns.mock).toHaveReceivedCommandWith(CreateTopicCommand, {
      Name: 'dondoc-test-unit-so-noi-vu',
    });
    expect(api.sns.mock).toHaveReceivedCommandWith(SubscribeCommand, {
      Protocol: 'email',
      Endpoint: 'an@backan.gov.vn',
    });
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

  it('records the topic ARN on the unit', async () => {
    await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    const unit = await api.call({ method: 'GET', path: '/units/so-noi-vu' });

    expect(unit.json.emailTopicArn).toBe(
      'arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-unit-so-noi-vu',
    );
  });

  it('marks an address SNS already shows as confirmed as confirmed', async () => {
    await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });
    api.sns.confirm(head.email);

    const res = await api.call({
      method: 'POST',
      path: '/units/so-noi-vu/contacts',
      body: { ...head, id: 'focal', role: 'focal' },
    });

    expect(res.json.emailStatus).toBe('confirmed');
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

  it('unsubscribes the address when the contact is removed', async () => {
    const created = await api.call({ method: 'POST', path: '/units/so-noi-vu/contacts', body: head });

    const res = await api.call({ method: 'DELETE', path: '/units/so-noi-vu/contacts/gd-so-noi-vu' });

    expect(res.status).toBe(204);
    expect(api.sns.mock).toHaveReceivedCommandWith(UnsubscribeCommand, {
      SubscriptionArn: created.json.subscriptionArn,
    });
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
