import { endOfLocalDay, localInstant } from '#domain/calendar';
import type { Letterhead } from '#domain/letter';
import { startScratchDynamoDbLocal } from '#local/dynamodb-local';
import { type ImportDocumentInput, importDocumentSchema } from '#schemas/import';
import { adminClaims, Engine } from './engine.ts';
import { applyEvent } from './events.ts';
import type { OutboxMessage } from './outbox.ts';
import { countRequests, type RequestCounts } from './request-counter.ts';
import { importThroughApi } from './seed-demo.ts';
import { VirtualClock } from './virtual-clock.ts';

export interface SimulatedMessage {
  at: string;
  unitId: string;
  contactId: string | null;
  channel: 'sms' | 'email';
  text: string;
  segments: number;
}

export interface UnitSummary {
  unitId: string;
  name: string;
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
  onTimeRate: number | null;
  messages: number;
  smsSegments: number;
}

export interface SimulationResult {
  messages: SimulatedMessage[];
  units: UnitSummary[];
  warnings: string[];
  /** DynamoDB and DynamoDB Streams requests per operation, from the import on (with `countRequests`). */
  requests?: RequestCounts & { total: number };
  /** With `letter`: undefined when nothing ended overdue. */
  letter?: SimulatedLetter;
}

export interface SimulationOptions {
  document: ImportDocumentInput;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  /** Called as virtual time moves (for the progress bar). */
  onProgress?: (fraction: number, now: Date) => void;
  /** An already running DynamoDB Local (tests); default: a fresh one on a scratch folder (`startScratchDynamoDbLocal`). */
  endpoint?: string;
  tableName?: string;
  /** Count the DynamoDB requests per operation (`simulate --stats`) into `requests`. */
  countRequests?: boolean;
  /** Called with the engine before the import (the bench's counters at the ports and the SDK client). */
  instrument?: (engine: Engine) => void;
  /** The local read cache of reference data (default on; `false`: every read is a request, as on AWS). */
  readCache?: boolean;
  /** Where the messages' personal links point (default: the local console of `dondoc start`). */
  linkBase?: string;
  /** At the end, draft the formal reminder letter for every assignment left overdue (`simulate --letter`). */
  letter?: boolean;
  letterhead?: Letterhead;
  /** Simulated carrier receipts for every SMS, this share failing for good (tests of the fallback). */
  receiptFailureRate?: number;
}

/** The console `dondoc start` serves by default: where simulated messages' links point. */
export const SIMULATED_LINK_BASE = 'http://127.0.0.1:3000';

/** The letter drafted at the end of a run: what it lists, and the DOCX. */
export interface SimulatedLetter {
  id: string;
  units: number;
  items: number;
  docx: Buffer;
}

/**
 * `dondoc simulate`: the whole engine (the same handlers, store, planner, scheduler, dispatcher)
 * on a virtual clock over [from, to], on a fresh DynamoDB Local in a scratch folder. The document is
 * imported at `from` 00:00 local, its events applied at their times, and time moves from one
 * schedule, event or daily sweep to the next.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const document = importDocumentSchema.parse(options.document);
  const dynamo = options.endpoint ? undefined : await startScratchDynamoDbLocal();
  try {
    const start = localInstant(options.from, '00:00');
    const end = endOfLocalDay(options.to);
    const clock = new VirtualClock(start);
    const messages: OutboxMessage[] = [];
    const office =
      document.units.find((u) => u.kind === 'office' && u.parentId === null) ?? document.units[0];
    const engine = await Engine.create({
      endpoint: options.endpoint ?? (dynamo?.endpoint as string),
      tableName: options.tableName ?? `dondoc-sim-${Date.now().toString(36)}`,
      clock,
      settings: {
        stage: 'sim',
        ...(office ? { officeUnitId: office.id } : {}),
        ...(options.letterhead && { letterhead: options.letterhead }),
        linkBase: options.linkBase ?? SIMULATED_LINK_BASE,
      },
      // A fixed key: the same run gives the same links (a simulated link opens nothing anyway).
      linkKey: 'dondoc simulate',
      // Recipients confirm their address the same day (as in a real roll-out, not instantly).
      confirmAfterMs: 60 * 60_000,
      // A throw-away store: the scheduler's schedules need not survive a restart.
      persistSchedules: false,
      onMessage: (m) => messages.push(m),
      ...(options.readCache !== undefined && { readCache: options.readCache }),
      ...(options.receiptFailureRate !== undefined && { receiptFailureRate: options.receiptFailureRate }),
    });
    options.instrument?.(engine);
    const counter = options.countRequests
      ? countRequests(engine.local.clients.dynamo, engine.local.clients.streams)
      : undefined;
    const { events = [], ...rest } = options.document;
    await importThroughApi(engine, rest);
    const warnings: string[] = [];
    const scripted = document.events ?? [];
    const total = end.getTime() - start.getTime();
    await engine.runUntil(end, {
      events: scripted.map((event) => ({
        at: new Date(event.at),
        apply: async () => {
          const warning = await applyEvent(engine, event);
          if (warning) warnings.push(warning);
        },
      })),
      onStep: (now) => options.onProgress?.((now.getTime() - start.getTime()) / total, now),
    });
    void events;
    const requests = counter?.counts();
    counter?.detach();
    const letter = options.letter ? await draftFinalLetter(engine) : undefined;
    return {
      messages: messages.map(toSimulated).sort(byInstantThenRecipient),
      units: await summary(engine, options, messages),
      warnings,
      ...(requests && { requests }),
      ...(letter && { letter }),
    };
  } finally {
    await dynamo?.stop();
  }
}

/** The letter an administrator would draft at the end: every overdue assignment (none: no letter). */
async function draftFinalLetter(engine: Engine): Promise<SimulatedLetter | undefined> {
  const drafted = await engine.api({ method: 'POST', path: '/letters', claims: adminClaims() });
  if (drafted.status === 400) return undefined;
  const letter = drafted.body as {
    id: string;
    download: string;
    letter: { recipients: string[]; items: unknown[] };
  };
  if (drafted.status !== 201)
    throw new Error(`letter failed: ${drafted.status} ${JSON.stringify(drafted.body)}`);
  const file = await engine.api({ method: 'GET', path: letter.download, claims: adminClaims() });
  return {
    id: letter.id,
    units: letter.letter.recipients.length,
    items: letter.letter.items.length,
    docx: Buffer.from(file.body as string, 'base64'),
  };
}

/**
 * Messages of the same instant go out concurrently (the local scheduler fires in parallel, as
 * EventBridge does): sorted by instant, unit, contact, channel and text, the output is the same
 * from one run to the next.
 */
function byInstantThenRecipient(a: SimulatedMessage, b: SimulatedMessage): number {
  const key = (m: SimulatedMessage) => [m.at, m.unitId, m.contactId ?? '', m.channel, m.text];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) {
    const order = (x[i] as string).localeCompare(y[i] as string);
    if (order !== 0) return order;
  }
  return 0;
}

function toSimulated(m: OutboxMessage): SimulatedMessage {
  return {
    at: m.at,
    unitId: m.unitId,
    contactId: m.contactId,
    channel: m.channel,
    text: m.channel === 'email' && m.subject ? `${m.subject}\n\n${m.text}` : m.text,
    segments: m.segments,
  };
}

async function summary(
  engine: Engine,
  options: SimulationOptions,
  messages: OutboxMessage[],
): Promise<UnitSummary[]> {
  const report = await engine.api({
    method: 'GET',
    path: `/reports/compliance?from=${options.from}&to=${options.to}`,
    claims: adminClaims(),
  });
  if (report.status !== 200)
    throw new Error(`compliance report failed: ${report.status} ${JSON.stringify(report.body)}`);
  const rows = new Map(
    (
      report.body as {
        units: (Omit<UnitSummary, 'name' | 'messages' | 'smsSegments'> & { unitName: string })[];
      }
    ).units.map((r) => [r.unitId, r]),
  );
  const document = importDocumentSchema.parse(options.document);
  return document.units
    .map((unit) => {
      const row = rows.get(unit.id);
      const mine = messages.filter((m) => m.unitId === unit.id);
      return {
        unitId: unit.id,
        name: unit.name,
        assigned: row?.assigned ?? 0,
        doneOnTime: row?.doneOnTime ?? 0,
        doneLate: row?.doneLate ?? 0,
        overdue: row?.overdue ?? 0,
        onTimeRate: row?.onTimeRate ?? null,
        messages: mine.length,
        smsSegments: mine.filter((m) => m.channel === 'sms').reduce((sum, m) => sum + m.segments, 0),
      };
    })
    .filter((u) => u.assigned > 0 || u.messages > 0);
}
