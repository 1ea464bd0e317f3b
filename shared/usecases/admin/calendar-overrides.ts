import type { CalendarReads, Writes } from '#ports/store';
import type { CalendarOverride } from '../../schemas/entities.ts';
import { found } from '../common.ts';

type Deps = { store: CalendarReads & Writes };

/**
 * Administrators' days off and swapped working days. A change applies to deadlines computed
 * from then on (new tasks, extensions) and to reminder send days; stored deadlines do not move.
 */
export async function listOverrides(deps: Deps, year?: number): Promise<CalendarOverride[]> {
  const all = await deps.store.listOverrides();
  const sorted = [...all].sort((a, b) => a.date.localeCompare(b.date));
  return year === undefined ? sorted : sorted.filter((o) => o.date.startsWith(`${year}-`));
}

/** Adds or replaces the override of a date; `created` tells which. */
export async function putOverride(
  deps: Deps,
  override: CalendarOverride,
): Promise<{ override: CalendarOverride; created: boolean }> {
  const existing = (await deps.store.listOverrides()).find((o) => o.date === override.date);
  await deps.store.write([{ op: 'put', entity: { kind: 'override', value: override } }]);
  return { override, created: existing === undefined };
}

export async function deleteOverride(deps: Deps, date: string): Promise<void> {
  found(
    (await deps.store.listOverrides()).find((o) => o.date === date),
    `calendar override ${date}`,
  );
  await deps.store.write([{ op: 'delete', ref: { kind: 'override', date } }]);
}
