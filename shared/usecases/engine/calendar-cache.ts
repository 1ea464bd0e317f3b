import { WorkingCalendar } from '#domain/calendar';
import type { CalendarReads } from '#ports/store';

let cached: { key: string; calendar: WorkingCalendar } | undefined;

/**
 * The working calendar with the administrators' overrides. The overrides are read every time (one
 * small query on the `CALENDAR` partition, so an override added a second ago counts everywhere,
 * also in the local runtime and `simulate`); the precomputed calendar is rebuilt only when they changed.
 */
export async function loadCalendar(store: CalendarReads): Promise<WorkingCalendar> {
  const overrides = await store.listOverrides();
  const key = overrides
    .map((o) => `${o.date}:${o.kind}`)
    .sort()
    .join(',');
  if (cached?.key !== key) cached = { key, calendar: WorkingCalendar.create(overrides) };
  return cached.calendar;
}
