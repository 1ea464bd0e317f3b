import { parsePolicy } from '#domain/policy';
import type { Dependencies } from '#ports/dependencies';
import type { DirectiveReads, PolicyReads, Writes } from '#ports/store';
import { ConflictError, ValidationError } from '../../errors.ts';
import type { StoredPolicy } from '../../ports/store.ts';
import { checkVersion, found, readAll } from '../common.ts';

type Deps = Pick<Dependencies, 'clock'> & { store: PolicyReads & DirectiveReads & Writes };

/** The built-in policy: tasks may name it without it being stored. */
export const DEFAULT_POLICY_NAME = 'mac-dinh';

export async function createPolicy(deps: Deps, body: unknown): Promise<StoredPolicy> {
  const policy = parsePolicy(body);
  if (await deps.store.getPolicy(policy.name))
    throw new ConflictError(`policy ${policy.name} already exists`);
  const now = deps.clock.now().toISOString();
  const stored: StoredPolicy = { ...policy, version: 1, createdAt: now, updatedAt: now };
  await deps.store.write([{ op: 'put', entity: { kind: 'policy', value: stored }, expect: 'absent' }]);
  return stored;
}

/** Replaces a policy; assignments pick the new steps up at their next check. */
export async function replacePolicy(
  deps: Deps,
  name: string,
  body: unknown,
  ifMatch?: number,
): Promise<StoredPolicy> {
  const policy = parsePolicy(body);
  if (policy.name !== name)
    throw new ValidationError('invalid policy', [
      { path: 'name', rule: `must be "${name}" (the name in the path)` },
    ]);
  const existing = found(await deps.store.getPolicy(name), `policy ${name}`);
  checkVersion(`policy ${name}`, existing.version, ifMatch);
  const stored: StoredPolicy = {
    ...policy,
    version: existing.version + 1,
    createdAt: existing.createdAt,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.write([
    { op: 'put', entity: { kind: 'policy', value: stored }, expect: existing.version },
  ]);
  return stored;
}

/** A policy some task still names cannot go (409). */
export async function deletePolicy(deps: Deps, name: string, ifMatch?: number): Promise<void> {
  const existing = found(await deps.store.getPolicy(name), `policy ${name}`);
  checkVersion(`policy ${name}`, existing.version, ifMatch);
  const directives = await readAll((p) => deps.store.listDirectives(p));
  for (const directive of directives) {
    const tasks = await deps.store.listTasks(directive.id);
    const user = tasks.find((t) => t.policy === name);
    if (user)
      throw new ConflictError(`policy ${name} is used by task ${user.id} of directive ${directive.id}`);
  }
  await deps.store.write([{ op: 'delete', ref: { kind: 'policy', name }, expect: existing.version }]);
}
