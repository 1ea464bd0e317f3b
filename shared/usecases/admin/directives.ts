import type { Dependencies } from '#ports/dependencies';
import type { DirectiveReads, Writes } from '#ports/store';
import { ConflictError } from '../../errors.ts';
import type { DirectiveInput } from '../../schemas/api.ts';
import type { Directive } from '../../schemas/entities.ts';
import { checkVersion, found, newId } from '../common.ts';

type Deps = Pick<Dependencies, 'clock'> & { store: DirectiveReads & Writes };

export async function createDirective(
  deps: Deps,
  input: DirectiveInput & { id?: string | undefined },
): Promise<Directive> {
  const now = deps.clock.now().toISOString();
  const directive: Directive = {
    ...input,
    id: input.id ?? newId(),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.write([{ op: 'put', entity: { kind: 'directive', value: directive }, expect: 'absent' }]);
  return directive;
}

export async function updateDirective(
  deps: Deps,
  id: string,
  input: DirectiveInput,
  ifMatch?: number,
): Promise<Directive> {
  const stored = found(await deps.store.getDirective(id), `directive ${id}`);
  checkVersion(`directive ${id}`, stored.version, ifMatch);
  const directive: Directive = {
    ...stored,
    ...input,
    version: stored.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.write([
    { op: 'put', entity: { kind: 'directive', value: directive }, expect: stored.version },
  ]);
  return directive;
}

/** Only a directive without tasks can go (its tasks carry assignments and their history). */
export async function deleteDirective(deps: Deps, id: string, ifMatch?: number): Promise<void> {
  const stored = found(await deps.store.getDirective(id), `directive ${id}`);
  checkVersion(`directive ${id}`, stored.version, ifMatch);
  if ((await deps.store.listTasks(id)).length > 0) throw new ConflictError(`directive ${id} still has tasks`);
  await deps.store.write([{ op: 'delete', ref: { kind: 'directive', id }, expect: stored.version }]);
}
