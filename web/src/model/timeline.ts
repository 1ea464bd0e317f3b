import { toLocalDate, type WorkingCalendar } from '../../../shared/domain/calendar.ts';
import { resolveDeadline } from '../../../shared/domain/deadline.ts';
import { sampleLinkUrl } from '../../../shared/domain/link-url.ts';
import { dayNumberOfInstant } from '../../../shared/domain/local-time.ts';
import { type Lang, type ReminderItem, reminderEmail, reminderSms } from '../../../shared/domain/messages.ts';
import { planReminders } from '../../../shared/domain/planner.ts';
import type { Audience, ReminderPolicy } from '../../../shared/domain/policy.ts';
import { type SmsInfo, smsInfo } from '../../../shared/domain/sms.ts';
import { type AssignmentStatus, assessStatus } from '../../../shared/domain/status.ts';
import type { Channel } from '../../../shared/schemas/common.ts';
import type { DeadlineRule } from '../../../shared/schemas/entities.ts';

/**
 * The policy editor's live preview: every reminder the engine would send for one assignment, with
 * the SMS exactly as the dispatcher words it (same planner, status and message code, with a link as
 * long as the recipient's personal one) and its cost.
 * The unit is assumed to keep pace (progress equal to the share of time used), so the statuses
 * shown are on track / due soon / overdue, as a unit that reports regularly would get.
 */
export interface TimelineInput {
  due: DeadlineRule;
  policy: ReminderPolicy;
  calendar: WorkingCalendar;
  /** When the task is given (start of the pace computation). */
  assignedAt: Date;
  urgent?: boolean;
  sample: { unitName: string; taskTitle: string; directiveNumber: string };
  lang?: Lang;
  /** Price of one SMS segment in USD (the SNS price for Vietnam is set per account). */
  pricePerSegment: number;
  /**
   * The console's address (`location.origin`), where the engine's links point: every SMS and
   * email carries a link that long, and its characters count in the segments.
   */
  linkBase?: string;
}

export interface TimelineRow {
  at: Date;
  /** The local date of `at` (YYYY-MM-DD). */
  date: string;
  step: number;
  send: number;
  offset: string;
  channels: readonly Channel[];
  to: readonly Audience[];
  status: AssignmentStatus;
  /** Calendar days until the deadline (negative: overdue). */
  daysLeft: number;
  sms?: { text: string; info: SmsInfo; cost: number };
  email?: { subject: string };
}

export interface Timeline {
  dueAt: Date;
  rows: TimelineRow[];
  totals: { reminders: number; sms: number; segments: number; emails: number; cost: number };
}

export function buildTimeline(input: TimelineInput): Timeline {
  const { policy, calendar } = input;
  const dueAt = resolveDeadline(input.due, calendar);
  const plan = planReminders({ dueAt, policy, calendar, urgent: input.urgent ?? false });
  const lang = input.lang ?? 'vi';
  const link = input.linkBase ? sampleLinkUrl(input.linkBase) : undefined;
  const rows = plan.map((planned): TimelineRow => {
    const status = statusAt(planned.at, input.assignedAt, dueAt, calendar);
    const daysLeft = dayNumberOfInstant(dueAt) - dayNumberOfInstant(planned.at);
    const item: ReminderItem = { ...input.sample, dueAt, status, daysLeft };
    const row: TimelineRow = {
      at: planned.at,
      date: toLocalDate(planned.at),
      step: planned.step,
      send: planned.send,
      offset: policy.steps[planned.step]?.offset ?? '',
      channels: planned.channels,
      to: planned.to,
      status,
      daysLeft,
    };
    if (planned.channels.includes('sms')) {
      const text = reminderSms([item], { lang, mode: policy.smsDiacritics, link });
      const info = smsInfo(text);
      row.sms = { text, info, cost: round(info.segments * input.pricePerSegment) };
    }
    if (planned.channels.includes('email'))
      row.email = { subject: reminderEmail([item], { lang, link }).subject };
    return row;
  });
  const sms = rows.filter((r) => r.sms);
  const segments = sms.reduce((sum, r) => sum + (r.sms?.info.segments ?? 0), 0);
  return {
    dueAt,
    rows,
    totals: {
      reminders: rows.length,
      sms: sms.length,
      segments,
      emails: rows.filter((r) => r.email).length,
      cost: round(segments * input.pricePerSegment),
    },
  };
}

/** The status the dispatcher would compute at `at` for a unit that keeps pace. */
function statusAt(at: Date, assignedAt: Date, dueAt: Date, calendar: WorkingCalendar): AssignmentStatus {
  const total = dueAt.getTime() - assignedAt.getTime();
  const share = total <= 0 ? 1 : Math.min(1, Math.max(0, (at.getTime() - assignedAt.getTime()) / total));
  const iso = (d: Date) => d.toISOString();
  return assessStatus(
    {
      state: 'open',
      assignedAt: iso(assignedAt),
      dueAt: iso(dueAt),
      originalDueAt: iso(dueAt),
      progress: Math.round(share * 100),
      lastProgressAt: iso(at),
    },
    at,
    calendar,
  ).status;
}

function round(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}
