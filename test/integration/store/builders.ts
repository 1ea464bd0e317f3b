import type { Assignment, Contact, Directive, Reminder, Task, Unit } from '#schemas/entities';

/** Valid entities with overridable fields, for the store tests. */
const at = '2026-03-02T01:00:00.000Z';
const stamps = { version: 1, createdAt: at, updatedAt: at };

export function unit(id: string, over: Partial<Unit> = {}): Unit {
  return { id, name: `Unit ${id}`, kind: 'department', parentId: null, ...stamps, ...over };
}

export function contact(unitId: string, id: string, over: Partial<Contact> = {}): Contact {
  return {
    id,
    unitId,
    name: `Contact ${id}`,
    role: 'head',
    phone: '+84912345678',
    channels: ['sms'],
    emailStatus: 'none',
    ...stamps,
    ...over,
  };
}

export function directive(id: string, over: Partial<Directive> = {}): Directive {
  return {
    id,
    number: `${id}/UBND-NCPC`,
    issuedOn: '2026-01-13',
    issuer: 'UBND tỉnh',
    title: `Chỉ đạo ${id}`,
    ...stamps,
    ...over,
  };
}

export function task(directiveId: string, id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    directiveId,
    title: `Nhiệm vụ ${id}`,
    due: '2026-04-30',
    policy: 'mac-dinh',
    lead: ['so-noi-vu'],
    support: [],
    urgent: false,
    ...stamps,
    ...over,
  };
}

export function assignment(id: string, over: Partial<Assignment> = {}): Assignment {
  return {
    id,
    taskId: 't1',
    directiveId: 'd1',
    unitId: 'so-noi-vu',
    occurrence: 'once',
    title: 'Báo cáo quý',
    policy: 'mac-dinh',
    urgent: false,
    assignedAt: at,
    dueAt: '2026-04-30T16:59:59.999Z',
    originalDueAt: '2026-04-30T16:59:59.999Z',
    state: 'open',
    progress: 0,
    planVersion: 1,
    ...stamps,
    ...over,
  };
}

export function reminder(assignmentId: string, over: Partial<Reminder> = {}): Reminder {
  return {
    assignmentId,
    key: '0#1#sms#c1',
    step: 0,
    send: 1,
    channel: 'sms',
    recipient: 'c1',
    unitId: 'so-noi-vu',
    plannedAt: '2026-04-23T01:00:00.000Z',
    at: '2026-04-23T01:00:02.000Z',
    outcome: 'pending',
    attempts: 1,
    ...over,
  };
}
