import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDocumentSchema } from '#schemas/import';
import { checkImport, type ImportLookups } from '#usecases/admin/import-checks';

const raw: unknown = JSON.parse(
  readFileSync(new URL('../../../local/demo/demo-276.json', import.meta.url), 'utf8'),
);
const doc = importDocumentSchema.parse(raw);
const tasks = doc.directives.flatMap((d) => d.tasks);

/** An empty store: every reference must resolve inside the document itself. */
const emptyStore: ImportLookups = { getUnit: async () => undefined, getPolicy: async () => undefined };

describe('the demo document of directive 276/UBND-NCPC', () => {
  it('passes the import checks against an empty store', async () => {
    const result = await checkImport(emptyStore, doc);

    expect(result.policies.map((p) => p.name)).toEqual(['mac-dinh', 'hoa-toc']);
  });

  it('has the province office, 17 departments and agencies, 8 district-level units and a few communes', () => {
    const count = (kind: string) => doc.units.filter((u) => u.kind === kind).length;

    expect(doc.units.filter((u) => u.parentId === null).map((u) => u.id)).toEqual(['vp-ubnd']);
    expect(count('department') + count('agency')).toBe(17);
    expect(count('district')).toBe(8);
    expect(count('commune')).toBeGreaterThanOrEqual(4);
  });

  it('gives every unit exactly one head with a unique fictitious phone number', () => {
    const heads = doc.contacts.filter((c) => c.role === 'head');
    const phones = doc.contacts.map((c) => c.phone);

    expect(heads.map((c) => c.unitId).sort()).toEqual(doc.units.map((u) => u.id).sort());
    expect(new Set(phones).size).toBe(doc.contacts.length);
    expect(phones.every((p) => /^\+849000000\d\d$/.test(p ?? ''))).toBe(true);
  });

  it('ships the default policy exactly as the foundation issue shows it', () => {
    const policy = doc.policies.find((p) => p.name === 'mac-dinh');

    expect(policy).toEqual({
      name: 'mac-dinh',
      sendAt: '08:00',
      quietHours: { start: '21:00', end: '07:00' },
      smsDiacritics: 'strip',
      steps: [
        { offset: '-5wd', times: 1, channels: ['email'], to: ['unit'] },
        { offset: '-1wd', times: 1, channels: ['email', 'sms'], to: ['unit'] },
        { offset: '0wd', times: 1, channels: ['sms'], to: ['unit'] },
        { offset: '+1wd', repeatEvery: '2wd', times: 4, channels: ['sms', 'email'], to: ['unit'] },
        { offset: '+10wd', times: 1, channels: ['sms', 'email'], to: ['unit', 'parent'] },
      ],
    });
  });

  it('splits the directive into 8 to 12 tasks, recurring ones included', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(8);
    expect(tasks.length).toBeLessThanOrEqual(12);
    expect(tasks.filter((t) => t.recurrence !== undefined).length).toBeGreaterThanOrEqual(3);
  });

  it('scripts events only for a lead unit of an existing task, in time order, within 2023', () => {
    const leads = new Map(tasks.map((t) => [t.id, new Set(t.lead)]));
    const events = doc.events ?? [];

    const strays = events.filter(
      (e) => e.type === 'task' || !e.task || !e.unit || !leads.get(e.task)?.has(e.unit),
    );
    const times = events.map((e) => Date.parse(e.at));

    expect(strays).toEqual([]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.every((e) => e.at.startsWith('2023-'))).toBe(true);
  });

  it('scripts every kind of event, and some extensions', () => {
    const types = new Set((doc.events ?? []).map((e) => e.type));

    expect([...types].sort()).toEqual(['acknowledge', 'complete', 'extension', 'progress']);
    expect((doc.events ?? []).filter((e) => e.type === 'extension').length).toBeGreaterThanOrEqual(2);
  });
});
