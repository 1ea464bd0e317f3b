import type { AssignmentEvent, SimulationEventInput } from '#schemas/import';
import { adminClaims, type Engine, unitHeadClaims } from './engine.ts';

/**
 * Finds the assignment an event names: by id, or the task's assignment for the unit that is
 * open and due first (done ones last, so an event on a finished item still reports sensibly).
 */
async function assignmentOf(engine: Engine, event: AssignmentEvent) {
  if (event.assignment) return engine.store.getAssignment(event.assignment);
  const all = (await engine.store.listAssignmentsOfTask(event.task ?? '')).filter(
    (a) => a.unitId === event.unit,
  );
  const open = all.filter((a) => a.state === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return open[0] ?? all[0];
}

const describe = (e: SimulationEventInput) =>
  e.type === 'task'
    ? `task ${e.task.id} of ${e.directive} at ${e.at}`
    : `${e.type} ${e.assignment ?? `${e.task}/${e.unit}`} at ${e.at}`;

/**
 * Applies one scripted event through the API handler (so through the same use cases a unit head
 * and an administrator would use). Returns a warning when it could not be applied.
 */
export async function applyEvent(engine: Engine, event: SimulationEventInput): Promise<string | undefined> {
  if (event.type === 'task') {
    const path = `/directives/${encodeURIComponent(event.directive)}/tasks`;
    const result = await engine.api({ method: 'POST', path, body: event.task, claims: adminClaims() });
    return result.status >= 300
      ? `skipped ${describe(event)}: ${result.status} ${JSON.stringify(result.body)}`
      : undefined;
  }
  const assignment = await assignmentOf(engine, event);
  if (!assignment) return `skipped ${describe(event)}: no such assignment`;
  const head = unitHeadClaims(assignment.unitId);
  const path = `/assignments/${encodeURIComponent(assignment.id)}`;
  const call = async (method: string, sub: string, body: unknown, claims = head) => {
    const result = await engine.api({ method, path: `${path}${sub}`, body, claims });
    if (result.status >= 300) throw new Error(`${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  };
  try {
    if (event.type === 'progress')
      await call('POST', '/progress', { percent: event.percent, note: event.note ?? '' });
    else if (event.type === 'acknowledge') await call('POST', '/acknowledge', undefined);
    else if (event.type === 'complete')
      await call('POST', '/complete', event.note ? { note: event.note } : undefined);
    else {
      const extension = (await call('POST', '/extensions', {
        newDue: event.newDue,
        reason: event.reason,
      })) as { id: string };
      await call('POST', `/extensions/${encodeURIComponent(extension.id)}/approve`, undefined, adminClaims());
    }
    return undefined;
  } catch (error) {
    return `skipped ${describe(event)}: ${(error as Error).message}`;
  }
}
