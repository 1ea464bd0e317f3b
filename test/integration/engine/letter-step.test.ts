import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendDigest } from '#usecases/engine/index';
import { stepLetterId } from '#usecases/letters/step-letter';
import { createHandler as createDispatcher } from '../../../functions/scheduler/dispatcher.ts';
import {
  assignment,
  contact,
  createEngine,
  type Engine,
  lambdaContext,
  OFFICE_PHONE,
  seedProvince,
} from './harness.ts';

let e: Engine;
let dispatcher: ReturnType<typeof createDispatcher>;

const stamp = { version: 1, createdAt: '2026-01-05T01:00:00.000Z', updatedAt: '2026-01-05T01:00:00.000Z' };

beforeEach(async () => {
  e = await createEngine('engine-letter', '2026-03-23T01:00:30.000Z'); // Mon 23/03 08:00 local, +1wd
  await seedProvince(e, { confirmedEmail: true });
  await e.deps.store.write([
    {
      op: 'put',
      entity: {
        kind: 'policy',
        value: {
          name: 'co-van-ban',
          sendAt: '08:00',
          quietHours: { start: '21:00', end: '07:00' },
          smsDiacritics: 'strip',
          steps: [{ offset: '+1wd', times: 1, channels: ['email'], to: ['unit', 'office'], letter: true }],
          ...stamp,
        },
      },
    },
    ...['a1', 'a2'].map((id) => ({
      op: 'put' as const,
      entity: {
        kind: 'assignment' as const,
        value: assignment(id, { policy: 'co-van-ban', nextCheckAt: '2026-03-23T01:00:00.000Z' }),
      },
    })),
  ]);
  dispatcher = createDispatcher(e.deps);
});

describe('a policy step with letter: true', () => {
  it("drafts one letter per directive and day, listing the directive's overdue assignments", async () => {
    await dispatcher({ v: 1, assignmentId: 'a1', planVersion: 1 }, lambdaContext);
    await dispatcher({ v: 1, assignmentId: 'a2', planVersion: 1 }, lambdaContext);

    const letters = await e.deps.letters.list();
    expect(letters.items).toHaveLength(1);
    const letter = await e.deps.letters.get(stepLetterId('276-ubnd-ncpc', '2026-03-23'));
    expect(letter?.createdBy).toBe('policy:co-van-ban#0');
    expect(letter?.assignmentIds.sort()).toEqual(['a1', 'a2']);
    expect(letter?.letter.items.map((i) => i.daysOverdue)).toEqual([3, 3]);
  });

  it("links the office's email to the drafted letter, once, and the unit's email not at all", async () => {
    const officeTopic = 'arn:aws:sns:ap-southeast-1:123456789012:dondoc-test-contact-ubnd-tinh-ct';
    const office = contact('ubnd-tinh', 'ct', 'head', OFFICE_PHONE, {
      email: 'vanphong@backan.gov.vn',
      emailStatus: 'confirmed',
      emailTopicArn: officeTopic,
    });
    await e.deps.store.write([{ op: 'put', entity: { kind: 'contact', value: office } }]);
    e.deps.settings.linkBase = 'https://nhacviec.backan.gov.vn';

    await dispatcher({ v: 1, assignmentId: 'a1', planVersion: 1 }, lambdaContext);
    await dispatcher({ v: 1, assignmentId: 'a2', planVersion: 1 }, lambdaContext);
    e.clock.set('2026-03-23T01:02:10.000Z');
    for (const id of e.deps.digests.ids()) await sendDigest(e.deps, id);

    const emails = e.sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    const letterUrl = `https://nhacviec.backan.gov.vn/#/letters/${stepLetterId('276-ubnd-ncpc', '2026-03-23')}`;
    const toOffice = emails.filter((m) => m.TopicArn === officeTopic);
    expect(toOffice).toHaveLength(1);
    expect(toOffice[0]?.Message?.split(letterUrl)).toHaveLength(2); // the two items' one letter, linked once
    expect(
      emails.filter((m) => m.TopicArn !== officeTopic).every((m) => !m.Message?.includes('#/letters/')),
    ).toBe(true);
  });

  it('drafts nothing, and still dispatches, when the fire is not for a letter step', async () => {
    await e.deps.store.write([
      {
        op: 'put',
        entity: { kind: 'assignment', value: assignment('a3', { nextCheckAt: '2026-03-23T01:00:00.000Z' }) },
      },
    ]);

    await dispatcher({ v: 1, assignmentId: 'a3', planVersion: 1 }, lambdaContext);

    expect((await e.deps.letters.list()).items).toEqual([]);
    expect((await e.deps.store.getAssignment('a3'))?.nextCheckAt).toBe('2026-03-25T01:00:00.000Z');
  });
});
