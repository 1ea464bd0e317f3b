import { parsePolicy } from '#domain/policy';
import type { Dependencies } from '#ports/dependencies';
import type { DirectiveReads, PolicyReads, Writes } from '#ports/store';
import { BlockedError, ConflictError, ValidationError } from '../../errors.ts';
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

/**
 * Replaces a policy. The stream planner then replans every open assignment that uses it
 * (`replanForPolicy`): the next check moves to the new steps at once; a new step planned earlier
 * today is caught up, one of an earlier day is not sent late.
 */
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

/**
 * A policy some tasks still name cannot go: a 409 `in-use` saying how many (and the first few), so
 * the clerk knows what to move to another policy first.
 */
export async function deletePolicy(deps: Deps, name: string, ifMatch?: number): Promise<void> {
  const existing = found(await deps.store.getPolicy(name), `policy ${name}`);
  checkVersion(`policy ${name}`, existing.version, ifMatch);
  const users: string[] = [];
  for (const directive of await readAll((p) => deps.store.listDirectives(p))) {
    for (const task of await deps.store.listTasks(directive.id))
      if (task.policy === name) users.push(`${task.id} (directive ${directive.id})`);
  }
  if (users.length > 0) {
    const tasks = `${users.length} task${users.length === 1 ? '' : 's'}`;
    throw new BlockedError(`policy ${name} is used by ${tasks}: ${users.slice(0, 5).join(', ')}`, 'in-use', [
      { path: 'name', rule: `is used by ${tasks}` },
    ]);
  }
  await deps.store.write([{ op: 'delete', ref: { kind: 'policy', name }, expect: existing.version }]);
}
