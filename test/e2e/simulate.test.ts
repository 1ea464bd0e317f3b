import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { formatLocal } from '#domain/local-time';
import type { Engine } from '#local/runtime/engine';
import { simulate } from '#local/runtime/simulation';
import type { ImportDocumentInput } from '#schemas/import';
import { dondoc } from '../support/cli.ts';
import { docxText } from '../support/docx-text.ts';

/** One department, its head (SMS only), a two-step policy and a task due Friday 06/03/2026. */
const document: ImportDocumentInput = {
  units: [
    { id: 'vp-ubnd', name: 'Văn phòng UBND tỉnh', kind: 'office', parentId: null },
    { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', parentId: 'vp-ubnd' },
  ],
  contacts: [
    {
      id: 'nv-head',
      unitId: 'so-noi-vu',
      name: 'Nguyễn Văn An',
      role: 'head',
      phone: '0912 345 678',
      channels: ['sms'],
    },
  ],
  policies: [
    {
      name: 'hai-buoc',
      steps: [
        { offset: '-1wd', channels: ['sms'], to: ['unit'] },
        { offset: '+1wd', channels: ['sms'], to: ['unit'] },
      ],
    },
  ],
  directives: [
    {
      id: 'cv-12',
      number: '12/UBND-VP',
      issuedOn: '2026-03-02',
      issuer: 'UBND tỉnh',
      title: 'Báo cáo cải cách hành chính',
      tasks: [
        {
          id: 'bao-cao',
          title: 'Gửi báo cáo quý I',
          due: '2026-03-06',
          policy: 'hai-buoc',
          lead: 'so-noi-vu',
        },
      ],
    },
  ],
};

describe('dondoc simulate', { timeout: 180_000 }, () => {
  it('sends the reminders of the period at their times and sums them up per unit', async () => {
    // Prepare
    const options = { document, from: '2026-03-02', to: '2026-03-13', endpoint: inject('dynamoEndpoint') };
    // Act
    const result = await simulate(options);
    // Assess
    expect([
      result.messages.map((m) => [formatLocal(new Date(m.at)), m.channel, m.unitId, m.contactId, m.segments]),
      result.units.map((u) => [
        u.unitId,
        u.assigned,
        u.doneOnTime,
        u.doneLate,
        u.overdue,
        u.messages,
        u.smsSegments,
      ]),
    ]).toEqual([
      [
        ['05/03/2026 08:00', 'sms', 'so-noi-vu', 'nv-head', 1],
        ['09/03/2026 08:00', 'sms', 'so-noi-vu', 'nv-head', 1],
      ],
      [['so-noi-vu', 1, 0, 0, 1, 2, 2]],
    ]);
  });

  it("ends each SMS with the recipient's personal link to the local console, within one segment", async () => {
    // Act
    const result = await simulate({
      document,
      from: '2026-03-02',
      to: '2026-03-06',
      endpoint: inject('dynamoEndpoint'),
    });
    // Assess
    const [sms] = result.messages;
    expect(sms?.text).toMatch(/ http:\/\/127\.0\.0\.1:3000\/l\/[A-Za-z0-9_-]{12}$/);
    expect(sms?.segments).toBe(1);
  });

  it('stops the reminders once a scripted completion is applied', async () => {
    // Prepare
    const events = [
      { at: '2026-03-05T15:00:00+07:00', type: 'complete' as const, task: 'bao-cao', unit: 'so-noi-vu' },
    ];
    const options = {
      document: { ...document, events },
      from: '2026-03-02',
      to: '2026-03-13',
      endpoint: inject('dynamoEndpoint'),
    };
    // Act
    const result = await simulate(options);
    // Assess
    expect([
      result.messages.map((m) => formatLocal(new Date(m.at))),
      result.units.map((u) => [u.unitId, u.doneOnTime, u.onTimeRate]),
    ]).toEqual([['05/03/2026 08:00'], [['so-noi-vu', 1, 1]]]);
  });

  it('runs a what-if with a task created mid-period, caught up the morning it is created', async () => {
    // Prepare: on Monday 09/03 at 09:08 the office adds a quick report due Tuesday 10/03; its
    // -1wd reminder was planned for 08:00 that Monday.
    const events = [
      {
        at: '2026-03-09T09:08:00+07:00',
        type: 'task' as const,
        directive: 'cv-12',
        task: {
          id: 'bao-cao-nhanh',
          title: 'Báo cáo nhanh số liệu biên chế',
          due: '2026-03-10',
          policy: 'hai-buoc',
          lead: 'so-noi-vu',
        },
      },
    ];
    const options = {
      document: { ...document, events },
      from: '2026-03-02',
      to: '2026-03-13',
      endpoint: inject('dynamoEndpoint'),
    };
    // Act
    const result = await simulate(options);
    // Assess
    expect([
      result.messages.map((m) => [formatLocal(new Date(m.at)), m.text.includes('bien che')]),
      result.units.map((u) => [u.unitId, u.assigned, u.overdue]),
    ]).toEqual([
      [
        ['05/03/2026 08:00', false],
        ['09/03/2026 08:00', false],
        ['09/03/2026 09:09', true],
        ['11/03/2026 08:00', true],
      ],
      [['so-noi-vu', 2, 2]],
    ]);
  });

  it('names the index, the field and the rule of every bad event before simulating', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'dondoc-simulate-'));
    const file = (name: string) => join(dir, name);
    const task = { id: 'bao-cao-nhanh', title: 'Báo cáo nhanh', due: '2026-03-10', lead: 'so-noi-vu' };
    const at = '2026-03-09T09:08:00+07:00';
    await writeFile(
      file('shape.json'),
      JSON.stringify({
        ...document,
        events: [
          { at, type: 'task', directive: 'cv-12', task: { ...task, title: undefined } },
          { at, type: 'meeting', task: 'bao-cao', unit: 'so-noi-vu' },
        ],
      }),
    );
    await writeFile(
      file('references.json'),
      JSON.stringify({
        ...document,
        events: [
          { at, type: 'progress', task: 'bao-cao', unit: 'so-noi-vu', percent: 50 },
          { at, type: 'task', directive: 'cv-99', task: { ...task, lead: ['so-tai-chinh'] } },
        ],
      }),
    );
    // Act
    const runs = await Promise.all(
      ['shape.json', 'references.json'].map((name) =>
        dondoc('simulate', '--data', file(name), '--from', '2026-03-02', '--to', '2026-03-13'),
      ),
    ).finally(() => rm(dir, { recursive: true, force: true }));
    // Assess
    expect(
      runs.map((r) => [r.code, r.stderr.trim().replace(/^.*is not a valid import document: /, '')]),
    ).toEqual([
      [
        1,
        'events[0].task.title: Invalid input: expected string, received undefined; ' +
          'events[1].type: must be one of progress, complete, acknowledge, extension, task',
      ],
      [
        1,
        'events[1].directive: unknown directive "cv-99"; events[1].task.lead[0]: unknown unit "so-tai-chinh"',
      ],
    ]);
  });

  it('drafts, at the end, the formal reminder letter for what ended overdue', async () => {
    // Prepare
    const options = {
      document,
      from: '2026-03-02',
      to: '2026-03-13',
      endpoint: inject('dynamoEndpoint'),
      letter: true,
    };
    // Act
    const result = await simulate(options);
    // Assess
    const text = await docxText(result.letter?.docx ?? Buffer.alloc(0));
    expect([result.letter?.units, result.letter?.items]).toEqual([1, 1]);
    expect(text).toContain('Kính gửi: Sở Nội vụ.');
    expect(text).toMatch(/Gửi báo cáo quý I\n06\/03\/2026 23:59\nquá hạn\n7/);
  });

  it('records the carrier receipt of every SMS, and sends one that failed for good to the same person by email', async () => {
    // Prepare: the head also has an address (their own topic); the focal officer has one too, and must get nothing
    const head = {
      id: 'nv-head',
      unitId: 'so-noi-vu',
      name: 'Nguyễn Văn An',
      role: 'head' as const,
      phone: '0912 345 678',
      email: 'giam-doc.so-noi-vu@backan.example',
      channels: ['sms' as const, 'email' as const],
    };
    const focal = {
      id: 'nv-focal',
      unitId: 'so-noi-vu',
      name: 'Trần Thị Bình',
      role: 'focal' as const,
      email: 'dau-moi.so-noi-vu@backan.example',
      channels: ['email' as const],
    };
    const run = async (receiptFailureRate: number) => {
      let engine: Engine | undefined;
      const result = await simulate({
        document: { ...document, contacts: [head, focal] },
        from: '2026-03-02',
        to: '2026-03-13',
        endpoint: inject('dynamoEndpoint'),
        receiptFailureRate,
        instrument: (e) => {
          engine = e;
        },
      });
      const [assignment] = (await engine?.store.listAssignments({}))?.items ?? [];
      const log = (await engine?.store.listReminders(assignment?.id ?? ''))?.items ?? [];
      return { result, log };
    };
    // Act
    const delivered = await run(0);
    const failed = await run(1);
    // Assess
    expect(delivered.log.map((r) => [r.channel, r.delivery?.status])).toEqual([
      ['sms', 'delivered'],
      ['sms', 'delivered'],
    ]);
    // Plan version 1: the document's policy is created with the assignments, so nothing replans them.
    expect(failed.log.map((r) => [r.key, r.channel, r.outcome, r.delivery?.status])).toEqual([
      ['v1#0#1#sms#so-noi-vu/nv-head', 'sms', 'sent', 'failed'],
      ['v1#0#1#sms#so-noi-vu/nv-head#email-thay-sms', 'email', 'sent', undefined],
      ['v1#1#1#sms#so-noi-vu/nv-head', 'sms', 'sent', 'failed'],
      ['v1#1#1#sms#so-noi-vu/nv-head#email-thay-sms', 'email', 'sent', undefined],
    ]);
    expect(failed.result.messages.filter((m) => m.channel === 'email').map((m) => m.contactId)).toEqual([
      'nv-head',
      'nv-head',
    ]);
  });
});
