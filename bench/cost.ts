import { WorkingCalendar } from '#domain/calendar';
import { sampleLinkUrl } from '#domain/link-url';
import { dayNumber, dayNumberOfInstant } from '#domain/local-time';
import { reminderSms } from '#domain/messages';
import { smsInfo } from '#domain/sms';
import { assessStatus } from '#domain/status';
import { readDemo } from '#local/runtime/demo';
import { SIMULATED_LINK_BASE, type SimulationResult, simulate } from '#local/runtime/simulation';
import type { ImportDocumentInput } from '#schemas/import';
import { type Counts, duplicateSends, instrument, type RequestKind } from './instrument.ts';

/** A year of the demo province on its own dates (directive 276 is dated 13/01/2023). */
export const DEMO_YEAR: Period = { from: '2023-01-13', to: '2024-01-12' };

/** Local dates, inclusive. */
export interface Period {
  from: string;
  to: string;
}

type PerUnitOfWork = { total: number; perReminder: number; perAssignment: number };

export interface CostFigures {
  period: { from: string; to: string };
  assignments: number;
  remindersSent: number;
  dynamodb: PerUnitOfWork &
    Record<RequestKind, number> & {
      byFunction: Counts['dynamodb'];
      byOperation: Counts['operations'];
      /** All but the sweeper's email-subscription refresh (`byFunction.emailRefresh`): the send path's own cost. */
      withoutEmailRefresh: PerUnitOfWork;
      /**
       * How the figure scales: the fixed cost (invocations that only read: ticks and sweeps with
       * nothing due, refreshes with nothing new), per day of the period, and the rest per reminder.
       * A province ten times the demo's pays the first once and the second ten times.
       */
      split: { days: number; idleInvocations: number; fixedPerDay: number; sendPathPerReminder: number };
    };
  /** EventBridge Scheduler API calls (total, per reminder, per assignment), and the port calls behind them. */
  scheduler: PerUnitOfWork & { upserts: number; removes: number };
  sns: PerUnitOfWork & { sms: number; email: number; failed: number; subscriptionCalls: number };
  duplicates: number;
}

export interface SmsFigures {
  units: number;
  workingDays: number;
  segments: number;
  naiveSegments: number;
  /** The same naive messages cut to dondoc's own budget with diacritics (3 UCS-2 parts): the definition until 30/11/2026. */
  naiveSegmentsAtBudget: number;
  segmentsPerUnitDay: number;
  naiveSegmentsPerUnitDay: number;
  ratio: number;
  ratioAtBudget: number;
  pricePerSegmentUsd: number;
  monthlyUsd: number;
  naiveMonthlyUsd: number;
}

const per = (total: number, reminders: number, assignments: number): PerUnitOfWork => ({
  total,
  perReminder: reminders > 0 ? total / reminders : 0,
  perAssignment: assignments > 0 ? total / assignments : 0,
});

function costFigures(counts: Counts, result: SimulationResult, period: Period): CostFigures {
  const assignments = result.units.reduce((sum, u) => sum + u.assigned, 0);
  const reminders = counts.sends.size;
  const kinds = { reads: 0, writes: 0, transactions: 0, other: 0 };
  for (const byKind of Object.values(counts.dynamodb))
    for (const kind of Object.keys(kinds) as RequestKind[]) kinds[kind] += byKind[kind];
  const dynamoTotal = kinds.reads + kinds.writes + kinds.transactions + kinds.other;
  const refresh = Object.values(counts.dynamodb.emailRefresh).reduce((a, b) => a + b, 0);
  const { upserts, removes, apiCalls } = counts.scheduler;
  return {
    period,
    assignments,
    remindersSent: reminders,
    dynamodb: {
      ...per(dynamoTotal, reminders, assignments),
      ...kinds,
      byFunction: counts.dynamodb,
      byOperation: counts.operations,
      withoutEmailRefresh: per(dynamoTotal - refresh, reminders, assignments),
      split: {
        days: dayNumber(period.to) - dayNumber(period.from) + 1,
        idleInvocations: counts.idle.invocations,
        fixedPerDay: counts.idle.requests / (dayNumber(period.to) - dayNumber(period.from) + 1),
        sendPathPerReminder: reminders > 0 ? (dynamoTotal - counts.idle.requests) / reminders : 0,
      },
    },
    scheduler: { ...per(apiCalls, reminders, assignments), upserts, removes },
    sns: {
      ...per(counts.sns.publishes, reminders, assignments),
      sms: counts.sns.smsPublishes,
      email: counts.sns.emailPublishes,
      failed: counts.sns.failedPublishes,
      subscriptionCalls: counts.sns.other,
    },
    duplicates: duplicateSends(counts),
  };
}

/**
 * The naive alternative: every SMS item of the run as its own message, as a sender without
 * dondoc's texts would write it: the whole wording (unit, whole task title, directive, deadline
 * with its year, status, call to action), diacritics kept, with its own link as every message now
 * carries (the domain template's complete level, `reminderSms([item], { mode: 'keep', link,
 * maxSegments: Infinity })`), against the digests actually sent. `naiveSegmentsAtBudget` cuts the
 * same messages to dondoc's own 3-part budget, the definition used until 30/11/2026.
 */
function smsFigures(
  counts: Counts,
  result: SimulationResult,
  document: ImportDocumentInput,
  period: Period,
  pricePerSegmentUsd: number,
): SmsFigures {
  const calendar = WorkingCalendar.create();
  const unitNames = new Map((document.units ?? []).map((u) => [u.id, u.name]));
  const directiveNumbers = new Map((document.directives ?? []).map((d) => [d.id, d.number]));
  const link = sampleLinkUrl(SIMULATED_LINK_BASE);
  let naiveSegments = 0;
  let naiveSegmentsAtBudget = 0;
  for (const { record, at, assignment: a } of counts.sent) {
    if (record.channel !== 'sms' || !a) continue;
    const dueAt = new Date(a.dueAt);
    const item = {
      unitName: unitNames.get(a.unitId) ?? a.unitId,
      taskTitle: a.title,
      directiveNumber: directiveNumbers.get(a.directiveId) ?? a.directiveId,
      dueAt,
      status: assessStatus(a, at, calendar).status,
      daysLeft: dayNumberOfInstant(dueAt) - dayNumberOfInstant(at),
    };
    const naive = (maxSegments: number) =>
      smsInfo(reminderSms([item], { lang: 'vi', mode: 'keep', link, maxSegments })).segments;
    naiveSegments += naive(Infinity);
    naiveSegmentsAtBudget += naive(3);
  }
  const segments = result.messages.filter((m) => m.channel === 'sms').reduce((s, m) => s + m.segments, 0);
  const units = result.units.filter((u) => u.assigned > 0).length;
  let workingDays = 0;
  for (let n = dayNumber(period.from); n <= dayNumber(period.to); n++)
    if (calendar.isWorkingDayNumber(n)) workingDays++;
  const months = (dayNumber(period.to) - dayNumber(period.from) + 1) / (365.25 / 12);
  return {
    units,
    workingDays,
    segments,
    naiveSegments,
    naiveSegmentsAtBudget,
    segmentsPerUnitDay: segments / units / workingDays,
    naiveSegmentsPerUnitDay: naiveSegments / units / workingDays,
    ratio: naiveSegments / segments,
    ratioAtBudget: naiveSegmentsAtBudget / segments,
    pricePerSegmentUsd,
    monthlyUsd: (segments / months) * pricePerSegmentUsd,
    naiveMonthlyUsd: (naiveSegments / months) * pricePerSegmentUsd,
  };
}

/** One instrumented simulation of the demo year gives both the cost per reminder and the SMS figures. */
export async function benchCostAndSms(
  pricePerSegmentUsd: number,
  period: Period = DEMO_YEAR,
  onProgress?: (fraction: number) => void,
): Promise<{ cost: CostFigures; sms: SmsFigures; seconds: number }> {
  const document = await readDemo();
  let counts: Counts | undefined;
  const started = performance.now();
  const result = await simulate({
    document,
    ...period,
    // Every read a DynamoDB request, as in a Lambda invocation (the local runtime caches reference data).
    readCache: false,
    instrument: (engine) => {
      counts = instrument(engine);
    },
    ...(onProgress && { onProgress: (fraction: number) => onProgress(fraction) }),
  });
  const seconds = (performance.now() - started) / 1000;
  if (!counts) throw new Error('simulate did not call the instrument hook');
  return {
    cost: costFigures(counts, result, period),
    sms: smsFigures(counts, result, document, period, pricePerSegmentUsd),
    seconds,
  };
}
