import type { ImportDocumentInput } from '#schemas/import';

type Unit = NonNullable<ImportDocumentInput['units']>[number];
type Contact = NonNullable<ImportDocumentInput['contacts']>[number];
type Directive = NonNullable<ImportDocumentInput['directives']>[number];
type Task = NonNullable<Directive['tasks']>[number];
type Event = NonNullable<ImportDocumentInput['events']>[number];

/** The import schema's limit on a task's lead (and support) list. */
const MAX_LEADS = 200;

/**
 * A province `factor` times the demo's size, for `simulate`'s scale figure: every unit but the root
 * office is copied `factor` times with unique ids (copy 0 keeps the original ids), each copy under
 * the same copy of its parent, with its contacts (unique ids, phones and addresses); every task keeps
 * its deadline, recurrence and policy with the leads and supports of all copies, split into parts of
 * whole copies where the list would pass the schema's 200; every scripted event is replayed for
 * each copy of its unit, on the part holding that copy.
 */
export function multiplyProvince(document: ImportDocumentInput, factor: number): ImportDocumentInput {
  const units = document.units ?? [];
  const root = units.find((u) => (u.parentId ?? null) === null)?.id;
  const copyId = (id: string, k: number) => (k === 0 || id === root ? id : `${id}-x${k}`);
  const copies = Array.from({ length: factor }, (_, k) => k);

  const outUnits: Unit[] = units.flatMap((u) =>
    u.id === root
      ? [u]
      : copies.map((k) => ({
          ...u,
          id: copyId(u.id, k),
          name: k === 0 ? u.name : `${u.name} (${k + 1})`,
          parentId: u.parentId ? copyId(u.parentId, k) : null,
        })),
  );
  let phone = 0;
  const outContacts: Contact[] = (document.contacts ?? []).flatMap((c) =>
    (c.unitId === root ? [0] : copies).map((k) => {
      phone++;
      return {
        ...c,
        id: copyId(c.id, k),
        unitId: copyId(c.unitId, k),
        ...(c.phone !== undefined && { phone: `+84${900_000_000 + phone}` }),
        ...(c.email !== undefined && { email: k === 0 ? c.email : c.email.replace('@', `.x${k}@`) }),
      };
    }),
  );

  /** For each task, the copies per part, so an event of copy k goes to part floor(k / perPart). */
  const perPart = new Map<string, number>();
  const partId = (taskId: string, part: number) => (part === 0 ? taskId : `${taskId}-p${part + 1}`);
  const splitTask = (t: Task): Task[] => {
    const leads = typeof t.lead === 'string' ? [t.lead] : t.lead;
    const supports = t.support ?? [];
    const each = Math.max(1, Math.floor(MAX_LEADS / Math.max(leads.length, supports.length, 1)));
    perPart.set(t.id, each);
    const parts: Task[] = [];
    for (let first = 0; first < factor; first += each) {
      const group = copies.slice(first, first + each);
      const spread = (ids: string[]) => [...new Set(group.flatMap((k) => ids.map((id) => copyId(id, k))))];
      parts.push({ ...t, id: partId(t.id, parts.length), lead: spread(leads), support: spread(supports) });
    }
    return parts;
  };
  const directives: Directive[] = (document.directives ?? []).map((d) => ({
    ...d,
    tasks: (d.tasks ?? []).flatMap(splitTask),
  }));

  const events: Event[] = (document.events ?? []).flatMap((e) => {
    if (e.type === 'task' || !e.unit || !e.task) return [e];
    const { unit, task } = e;
    return (unit === root ? [0] : copies).map((k) => ({
      ...e,
      unit: copyId(unit, k),
      task: partId(task, Math.floor(k / (perPart.get(task) ?? factor))),
    }));
  });
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return { ...document, units: outUnits, contacts: outContacts, directives, events };
}
