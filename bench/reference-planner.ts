/**
 * The bench's reference: the planner as it was before issue 15 (a policy object spread per plan,
 * working days stepped one at a time), kept unchanged so `npm run bench` compares every plan with it.
 */

import { DAY_MS, dayNumberOfInstant, instantAt, minuteOfInstant, minutesOf, msAt } from '#domain/local-time';
import {
  type Audience,
  type Offset,
  type PolicyStep,
  parseOffset,
  type ReminderPolicy,
} from '#domain/policy';
import type { Channel } from '#schemas/common';
import type { ReferenceCalendar } from './reference-calendar.ts';

/** One planned send of one policy step. `step` is the index in policy.steps; `send` counts from 1. */
export interface PlannedReminder {
  at: Date;
  step: number;
  send: number;
  channels: Channel[];
  to: Audience[];
}

export interface PlanInput {
  dueAt: Date;
  policy: ReminderPolicy;
  calendar: ReferenceCalendar;
  /** hỏa tốc: hour offsets are sent at their exact instant, even in quiet hours or on a day off. */
  urgent?: boolean;
}

/** Where a send is before it is placed: a local day (day offsets) or an exact instant (hour offsets). */
type Position = { kind: 'day'; day: number } | { kind: 'instant'; t: number };

/** A policy with its texts parsed once; policies are values, so this is cached per object. */
interface CompiledPolicy {
  sendAtText: string;
  sendAt: number;
  quietStart: number;
  quietEnd: number;
  steps: { offset: Offset; repeat: Offset | undefined; step: PolicyStep }[];
}

interface Context extends CompiledPolicy {
  calendar: ReferenceCalendar;
  urgent: boolean;
  due: number;
  dueDay: number;
}

const compiled = new WeakMap<ReminderPolicy, CompiledPolicy>();

function compile(policy: ReminderPolicy): CompiledPolicy {
  let result = compiled.get(policy);
  if (!result) {
    result = {
      sendAtText: policy.sendAt,
      sendAt: minutesOf(policy.sendAt),
      quietStart: minutesOf(policy.quietHours.start),
      quietEnd: minutesOf(policy.quietHours.end),
      steps: policy.steps.map((step) => ({
        offset: parseOffset(step.offset),
        repeat: step.repeatEvery ? parseOffset(step.repeatEvery) : undefined,
        step,
      })),
    };
    compiled.set(policy, result);
  }
  return result;
}

/**
 * The full reminder plan of one assignment, as if it never closes, sorted by time (then step, send).
 *
 * Placement rules (deterministic, documented in the README):
 * - `wd`/`d` offsets land at `sendAt` local time on a working day; a `d` offset that hits a day off
 *   moves to the previous working day when it was meant before the deadline, else to the next one.
 * - `h` offsets are exact instants. Unless urgent, an instant on a day off or in quiet hours moves:
 *   before the deadline, back to the last allowed minute (so a "before" reminder stays before);
 *   otherwise forward to `sendAt` of the next working day.
 * - `times` sends, each `repeatEvery` after the previous one's unplaced position; a send is never
 *   placed before the previous send of its step (if placement pushed that one later, both go together).
 */
export function referencePlanReminders(input: PlanInput): PlannedReminder[] {
  const ctx: Context = {
    ...compile(input.policy),
    calendar: input.calendar,
    urgent: input.urgent ?? false,
    due: input.dueAt.getTime(),
    dueDay: dayNumberOfInstant(input.dueAt),
  };
  const plan: PlannedReminder[] = [];
  for (let index = 0; index < ctx.steps.length; index++) planStep(ctx, index, plan);
  return plan.sort((a, b) => a.at.getTime() - b.at.getTime() || a.step - b.step || a.send - b.send);
}

function planStep(ctx: Context, index: number, plan: PlannedReminder[]): void {
  const { offset, repeat, step } = ctx.steps[index] as CompiledPolicy['steps'][number];
  let position = start(ctx, offset);
  let previous = Number.NEGATIVE_INFINITY;
  for (let send = 1; send <= step.times; send++) {
    // Placement can push a send past the next one's raw time (out of quiet hours): never reorder them.
    const at = Math.max(previous, place(ctx, position));
    plan.push({ at: new Date(at), step: index, send, channels: [...step.channels], to: [...step.to] });
    previous = at;
    if (repeat) position = advance(ctx, position, repeat);
  }
}

function start(ctx: Context, offset: Offset): Position {
  switch (offset.unit) {
    case 'wd':
      return { kind: 'day', day: ctx.calendar.addWorkingDayNumbers(ctx.dueDay, offset.count) };
    case 'd':
      return { kind: 'day', day: ctx.dueDay + offset.count };
    case 'h':
      return { kind: 'instant', t: ctx.due + offset.count * 3_600_000 };
  }
}

function advance(ctx: Context, position: Position, by: Offset): Position {
  if (by.unit === 'h') {
    const t = position.kind === 'instant' ? position.t : msAt(position.day, ctx.sendAt);
    return { kind: 'instant', t: t + by.count * 3_600_000 };
  }
  const from = position.kind === 'day' ? position.day : dayNumberOfInstant(new Date(position.t));
  const to = by.unit === 'wd' ? ctx.calendar.addWorkingDayNumbers(from, by.count) : from + by.count;
  return position.kind === 'day'
    ? { kind: 'day', day: to }
    : { kind: 'instant', t: position.t + (to - from) * DAY_MS };
}

/** The instant (ms) a send goes out. Day positions avoid Date allocations: this is the hot path. */
function place(ctx: Context, position: Position): number {
  const cal = ctx.calendar;
  if (position.kind === 'day') {
    const before = msAt(position.day, ctx.sendAt) < ctx.due;
    const day = before ? cal.previousWorkingDayNumber(position.day) : cal.nextWorkingDayNumber(position.day);
    return msAt(day, ctx.sendAt);
  }
  const at = new Date(position.t);
  if (ctx.urgent || isAllowed(ctx, at)) return position.t;
  if (position.t < ctx.due) return latestAllowedBefore(ctx, at).getTime();
  return cal.nextWorkingInstant(at, ctx.sendAtText).getTime();
}

function isQuiet(ctx: Context, minute: number): boolean {
  const { quietStart: s, quietEnd: e } = ctx;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** Whether a reminder may go at `at` without moving: a working day, outside quiet hours. */
function isAllowed(ctx: Context, at: Date): boolean {
  return ctx.calendar.isWorkingDayNumber(dayNumberOfInstant(at)) && !isQuiet(ctx, minuteOfInstant(at));
}

/** The last allowed minute before `at`: just before quiet hours start, on the same or an earlier working day. */
function latestAllowedBefore(ctx: Context, at: Date): Date {
  const day = dayNumberOfInstant(at);
  const minute = minuteOfInstant(at);
  const wraps = ctx.quietStart > ctx.quietEnd;
  const sameDay = wraps ? minute >= ctx.quietStart : ctx.quietStart > 0 && minute >= ctx.quietStart;
  if (ctx.calendar.isWorkingDayNumber(day) && isQuiet(ctx, minute) && sameDay) {
    return instantAt(day, ctx.quietStart - 1);
  }
  const previous = ctx.calendar.previousWorkingDayNumber(day - 1);
  return instantAt(previous, wraps ? ctx.quietStart - 1 : 24 * 60 - 1);
}
