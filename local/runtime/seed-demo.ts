import { systemClock } from '#ports/clock';
import { readDemo, shiftDemo } from './demo.ts';
import { adminClaims, type Engine } from './engine.ts';
import { applyEvent } from './events.ts';
import { PinnableClock } from './pinnable-clock.ts';
import { VirtualClock } from './virtual-clock.ts';

export interface DemoSeeded {
  units: number;
  assignments: number;
  eventsApplied: number;
  warnings: string[];
}

/** Imports a document through the API handler (POST /import, as an administrator). */
export async function importThroughApi(engine: Engine, document: unknown): Promise<Record<string, number>> {
  const result = await engine.api({ method: 'POST', path: '/import', body: document, claims: adminClaims() });
  if (result.status !== 200)
    throw new Error(`import failed (${result.status}): ${JSON.stringify(result.body)}`);
  return (result.body as { created: Record<string, number> }).created;
}

/**
 * Seeds the demo with its deadlines shifted around today: imported at the (shifted) day the
 * directive arrived, then the progress reports, acknowledgements and completions that happen
 * before today applied at their times, through the same API and use cases.
 */
export async function seedDemo(engine: Engine): Promise<DemoSeeded> {
  const clock = engine.clock;
  const now = clock.now();
  const shifted = shiftDemo(await readDemo(), now);
  const pin = (at: Date | undefined) => {
    if (clock instanceof PinnableClock || clock instanceof VirtualClock) clock.pin(at);
  };
  const warnings: string[] = [];
  let applied = 0;
  try {
    pin(shifted.importAt);
    const created = await importThroughApi(engine, shifted.document);
    for (const event of shifted.pastEvents) {
      pin(new Date(event.at));
      const warning = await applyEvent(engine, event);
      if (warning) warnings.push(warning);
      else applied += 1;
    }
    return {
      units: created.units ?? 0,
      assignments: created.assignments ?? 0,
      eventsApplied: applied,
      warnings,
    };
  } finally {
    pin(undefined);
  }
}

export function realClock(): PinnableClock {
  return new PinnableClock(systemClock);
}
