import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, Writes } from '#ports/store';
import { ConflictError } from '../../errors.ts';
import type { Write } from '../../ports/store.ts';
import type { Assignment, Extension } from '../../schemas/entities.ts';
import { type Actor, assertAdmin } from '../actor.ts';
import { checkVersion, found } from '../common.ts';

type Deps = Pick<Dependencies, 'clock'> & { store: AssignmentReads & Writes };

/**
 * Approving moves the assignment's `dueAt` (the `originalDueAt` stays, for the scorecard) and
 * bumps its `planVersion` so the planner reschedules; both in one transaction.
 */
export async function decideExtension(
  deps: Deps,
  actor: Actor,
  assignmentId: string,
  extensionId: string,
  decision: 'approved' | 'rejected',
  ifMatch?: number,
): Promise<{ extension: Extension; assignment: Assignment }> {
  assertAdmin(actor);
  const assignment = found(await deps.store.getAssignment(assignmentId), `assignment ${assignmentId}`);
  const stored = found(await deps.store.getExtension(assignmentId, extensionId), `extension ${extensionId}`);
  checkVersion(`extension ${extensionId}`, stored.version, ifMatch);
  if (stored.state !== 'requested')
    throw new ConflictError(`extension ${extensionId} is already ${stored.state}`);
  const now = deps.clock.now().toISOString();
  const extension: Extension = {
    ...stored,
    state: decision,
    decidedAt: now,
    decidedBy: actor.sub,
    version: stored.version + 1,
    updatedAt: now,
  };
  const writes: Write[] = [
    { op: 'put', entity: { kind: 'extension', value: extension }, expect: stored.version },
  ];
  let result = assignment;
  if (decision === 'approved') {
    if (assignment.state !== 'open') throw new ConflictError(`assignment ${assignmentId} is already done`);
    result = {
      ...assignment,
      dueAt: extension.newDueAt,
      planVersion: assignment.planVersion + 1,
      version: assignment.version + 1,
      updatedAt: now,
    };
    writes.push({ op: 'put', entity: { kind: 'assignment', value: result }, expect: assignment.version });
  }
  await deps.store.write(writes);
  return { extension, assignment: result };
}
