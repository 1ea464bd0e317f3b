import type { Dependencies } from '#ports/dependencies';
import type { AssignmentReads, UnitReads, Writes } from '#ports/store';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { UnitInput } from '../../schemas/api.ts';
import type { Unit } from '../../schemas/entities.ts';
import { checkVersion, found, newId, readAll } from '../common.ts';

type Deps = Pick<Dependencies, 'clock'> & { store: UnitReads & AssignmentReads & Writes };

/** A parent must exist, and following parents up from it must never reach the unit itself. */
export async function checkParent(deps: Deps, unitId: string, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  if (parentId === unitId)
    throw new ValidationError('invalid unit', [{ path: 'parentId', rule: 'must not be the unit itself' }]);
  let current = await deps.store.getUnit(parentId);
  if (!current)
    throw new ValidationError('invalid unit', [{ path: 'parentId', rule: `unknown unit "${parentId}"` }]);
  for (let depth = 0; current?.parentId && depth < 1000; depth++) {
    if (current.parentId === unitId) {
      throw new ValidationError('invalid unit', [
        { path: 'parentId', rule: 'would make a cycle of parent units' },
      ]);
    }
    current = await deps.store.getUnit(current.parentId);
  }
}

export async function createUnit(deps: Deps, input: UnitInput & { id?: string | undefined }): Promise<Unit> {
  const id = input.id ?? newId();
  await checkParent(deps, id, input.parentId);
  const now = deps.clock.now().toISOString();
  const unit: Unit = {
    id,
    name: input.name,
    kind: input.kind,
    parentId: input.parentId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.write([{ op: 'put', entity: { kind: 'unit', value: unit }, expect: 'absent' }]);
  return unit;
}

export async function updateUnit(deps: Deps, id: string, input: UnitInput, ifMatch?: number): Promise<Unit> {
  const stored = found(await deps.store.getUnit(id), `unit ${id}`);
  checkVersion(`unit ${id}`, stored.version, ifMatch);
  await checkParent(deps, id, input.parentId);
  const unit: Unit = {
    ...stored,
    ...input,
    version: stored.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.write([{ op: 'put', entity: { kind: 'unit', value: unit }, expect: stored.version }]);
  return unit;
}

/** Only a unit with no child units, no contacts and no assignments can go (409 otherwise). */
export async function deleteUnit(deps: Deps, id: string, ifMatch?: number): Promise<void> {
  const stored = found(await deps.store.getUnit(id), `unit ${id}`);
  checkVersion(`unit ${id}`, stored.version, ifMatch);
  const units = await readAll((p) => deps.store.listUnits(p));
  if (units.some((u) => u.parentId === id)) throw new ConflictError(`unit ${id} still has child units`);
  if ((await deps.store.listContacts(id)).length > 0)
    throw new ConflictError(`unit ${id} still has contacts`);
  const assignments = await deps.store.listAssignments({ unitId: id, limit: 1 });
  if (assignments.items.length > 0) throw new ConflictError(`unit ${id} has assignments`);
  await deps.store.write([{ op: 'delete', ref: { kind: 'unit', id }, expect: stored.version }]);
}

export async function getUnit(deps: Deps, id: string): Promise<Unit> {
  return found(await deps.store.getUnit(id), `unit ${id}`);
}
