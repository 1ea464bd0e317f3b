import { beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy } from '#domain/policy';
import type { StoredPolicy } from '#ports/store';
import { replanForPolicy } from '../../../shared/usecases/engine/replan.ts';
import { assignment, createEngine, type Engine, seedProvince } from './harness.ts';

let e: Engine;

beforeEach(async () => {
  e = await createEngine('engine-replan-policy', '2026-03-10T03:00:00.000Z'); // Tue 10:00 local
  await seedProvince(e);
});

const created = (at: string): StoredPolicy => ({
  ...defaultPolicy,
  name: 'buoi-chieu',
  sendAt: '14:00',
  version: 1,
  createdAt: at,
  updatedAt: at,
});

async function openAssignment(id: string, createdAt: string) {
  const value = { ...assignment(id, { policy: 'buoi-chieu' }), createdAt, updatedAt: createdAt };
  await e.deps.store.write([{ op: 'put', entity: { kind: 'assignment', value } }]);
}

describe('a policy created', () => {
  it('replans an assignment that named it before it existed (planned with the default)', async () => {
    await openAssignment('truoc', '2026-03-02T01:00:00.000Z');

    const bumped = await replanForPolicy(e.deps, undefined, created('2026-03-10T03:00:00.000Z'));

    expect(bumped).toBe(1);
    expect((await e.deps.store.getAssignment('truoc'))?.planVersion).toBe(2);
  });

  it('leaves alone the assignments created with it, as an import writes them', async () => {
    await openAssignment('cung-luc', '2026-03-10T03:00:00.000Z');

    const bumped = await replanForPolicy(e.deps, undefined, created('2026-03-10T03:00:00.000Z'));

    expect(bumped).toBe(0);
    expect((await e.deps.store.getAssignment('cung-luc'))?.planVersion).toBe(1);
  });
});
