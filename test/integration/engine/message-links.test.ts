import { PublishCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { smsInfo } from '#domain/sms';
import { countRequests } from '#local/runtime/request-counter';
import type { Assignment } from '#schemas/entities';
import { dispatchCheck, sendDigest } from '#usecases/engine/index';
import { openLink } from '#usecases/links/open-link';
import {
  assignment,
  createEngine,
  type Engine,
  FOCAL_PHONE,
  HEAD_PHONE,
  OFFICE_PHONE,
  seedProvince,
  snsThrottled,
} from './harness.ts';

const BASE = 'https://d1x2y3z4abcd.cloudfront.net';
const LINK = new RegExp(`${BASE}/l/([A-Za-z0-9_-]{12})$`);

let e: Engine;

beforeEach(async () => {
  e = await createEngine('engine-links', '2026-03-20T01:00:10.000Z'); // Fri 20/03/2026 08:00:10 local, due day
  await seedProvince(e);
  e.deps.settings.linkBase = BASE;
});

/** An assignment whose check (the 0wd SMS step, 08:00 today) is due now, dispatched into its digests. */
async function due(id: string, extra: Partial<Assignment> = {}) {
  const value = { ...assignment(id), nextCheckAt: '2026-03-20T01:00:00.000Z', ...extra };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);
  await dispatchCheck(e.deps, { v: 1, assignmentId: id, planVersion: 1 });
}

/** These assignments dispatched, and the clock at the window's drain (08:02). */
async function dispatched(ids: string[], extra: Partial<Assignment> = {}) {
  for (const id of ids) await due(id, extra);
  e.clock.set('2026-03-20T01:02:10.000Z');
}

const digestOf = (contactId: string) => {
  const id = e.deps.digests.ids().find((d) => d.endsWith(`.${contactId}`));
  if (!id) throw new Error(`no digest for ${contactId}`);
  return id;
};
const smsTo = (phone: string) =>
  e.sns
    .commandCalls(PublishCommand)
    .map((c) => c.args[0].input)
    .filter((input) => input.PhoneNumber === phone)
    .map((input) => input.Message ?? '');
const codeIn = (text: string | undefined) => text?.match(LINK)?.[1];

/** A policy whose one SMS step, on the due day, goes to the parent unit's head (an escalation). */
async function toParentPolicy() {
  await e.deps.store.write([
    {
      op: 'put',
      entity: {
        kind: 'policy',
        value: {
          name: 'len-cap-tren',
          sendAt: '08:00',
          quietHours: { start: '21:00', end: '07:00' },
          smsDiacritics: 'strip',
          steps: [{ offset: '0wd', times: 1, channels: ['sms'], to: ['parent'] }],
          version: 1,
          createdAt: '2026-01-05T01:00:00.000Z',
          updatedAt: '2026-01-05T01:00:00.000Z',
        },
      },
    },
  ]);
}

describe('the link in every message', { timeout: 60_000 }, () => {
  it("ends the head's SMS with their personal link, which opens the message's items", async () => {
    await dispatched(['a1', 'a2']);

    await sendDigest(e.deps, digestOf('gd'));

    const [text] = smsTo(HEAD_PHONE);
    const code = codeIn(text);
    expect(code).toBeDefined();
    expect(smsInfo(text ?? '')).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    const opened = await openLink(e.deps, code ?? '', '203.0.113.7');
    expect(opened.contact.id).toBe('gd');
    expect(opened.items.map((i) => i.id).sort()).toEqual(['a1', 'a2']);
    expect(opened.link).toMatchObject({ channel: 'sms', createdBy: `send:${digestOf('gd')}` });
  });

  it('fits a single item with its link in one GSM-7 segment', async () => {
    await dispatched(['a1']);

    await sendDigest(e.deps, digestOf('gd'));

    const [text] = smsTo(HEAD_PHONE);
    expect(codeIn(text)).toBeDefined();
    expect(smsInfo(text ?? '')).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('gives the head and the focal officer each their own link', async () => {
    await dispatched(['a1']);

    await sendDigest(e.deps, digestOf('gd'));
    await sendDigest(e.deps, digestOf('cv'));

    const head = codeIn(smsTo(HEAD_PHONE)[0]);
    const focal = codeIn(smsTo(FOCAL_PHONE)[0]);
    expect(head).not.toBe(focal);
    expect((await openLink(e.deps, focal ?? '', '203.0.113.7')).contact.id).toBe('cv');
  });

  it('keeps the code out of the reminder log: the logged text has it masked', async () => {
    await dispatched(['a1']);

    await sendDigest(e.deps, digestOf('gd'));

    const code = codeIn(smsTo(HEAD_PHONE)[0]) ?? 'none';
    const logged = (await e.deps.store.listReminders('a1')).items.find((r) => r.recipient === 'gd');
    expect(logged?.text).toMatch(new RegExp(`${BASE}/l/\\*{12}$`));
    expect(JSON.stringify(logged)).not.toContain(code);
  });

  it('resends a message whose publish failed with the same link, and mints no second one', async () => {
    e.sns.on(PublishCommand).rejectsOnce(snsThrottled()).resolves({ MessageId: 'msg-ok' });
    await dispatched(['a1']);

    await expect(sendDigest(e.deps, digestOf('gd'))).rejects.toThrow(/Throttling/);
    await sendDigest(e.deps, digestOf('gd'));

    const [refused, sent] = smsTo(HEAD_PHONE);
    expect(codeIn(sent)).toBeDefined();
    expect(codeIn(sent)).toBe(codeIn(refused));
    expect(await e.deps.links.listOfContact('so-noi-vu', 'gd')).toHaveLength(1);
  });

  it('writes the link with the claim: the message costs its two transactions and no write besides', async () => {
    await dispatched(['a1']);
    const requests = countRequests(e.table.client);

    await sendDigest(e.deps, digestOf('gd'));

    expect(codeIn(smsTo(HEAD_PHONE)[0])).toBeDefined();
    expect(requests.counts().TransactWriteItems).toBe(2);
    expect(requests.total(['PutItem', 'UpdateItem', 'BatchWriteItem'])).toBe(0);
    expect(await e.deps.links.listOfContact('so-noi-vu', 'gd')).toHaveLength(1);
  });

  it('keeps a link revoked after its first send failed when the message is sent again', async () => {
    e.sns.on(PublishCommand).rejectsOnce(snsThrottled()).resolves({ MessageId: 'msg-ok' });
    await dispatched(['a1']);
    await expect(sendDigest(e.deps, digestOf('gd'))).rejects.toThrow(/Throttling/);
    const [minted] = await e.deps.links.listOfContact('so-noi-vu', 'gd');
    await e.deps.links.revoke(minted?.id ?? 'none', 'admin:vp-ubnd', '2026-03-20T01:02:30.000Z');

    await sendDigest(e.deps, digestOf('gd'));

    const [, sent] = smsTo(HEAD_PHONE);
    await expect(openLink(e.deps, codeIn(sent) ?? '', '203.0.113.7')).rejects.toThrow(/revoked/);
    expect((await e.deps.links.get(minted?.id ?? 'none'))?.revokedBy).toBe('admin:vp-ubnd');
  });

  it("never puts another unit's item in the link: the parent unit's head gets the console's address", async () => {
    await toParentPolicy();
    await dispatched(['a1'], { policy: 'len-cap-tren' });

    await sendDigest(e.deps, digestOf('ct'));

    const [text] = smsTo(OFFICE_PHONE);
    expect(text).toMatch(new RegExp(`Xem: ${BASE}/$`));
    expect(await e.deps.links.listOfContact('ubnd-tinh', 'ct')).toEqual([]);
  });

  it("links the parent unit's head to their own unit's items only, when the message lists both", async () => {
    await toParentPolicy();
    await due('a1', { policy: 'len-cap-tren' });
    await dispatched(['o1'], { unitId: 'ubnd-tinh' });

    await sendDigest(e.deps, digestOf('ct'));

    const [text] = smsTo(OFFICE_PHONE);
    expect(text).toContain('2 nhiem vu');
    const opened = await openLink(e.deps, codeIn(text) ?? '', '203.0.113.7');
    expect(opened.link.assignmentIds).toEqual(['o1']);
    expect(opened.items.map((i) => i.id)).toEqual(['o1']);
  });

  it('sends no link when the stage has no console address', async () => {
    delete e.deps.settings.linkBase;
    await dispatched(['a1']);

    await sendDigest(e.deps, digestOf('gd'));

    expect(smsTo(HEAD_PHONE)[0]).not.toContain('/l/');
  });
});
