import type { Channel } from '../schemas/common.ts';
import type { WorkingCalendar } from './calendar.ts';
import { DAY_MS, isQuietMinute, minutesOf, msAt, OFFSET_MS } from './local-time.ts';
import { type Audience, type Offset, parseOffset, type ReminderPolicy } from './policy.ts';

/**
 * One planned send of one policy step. `step` is the index in policy.steps; `send` counts from 1.
 * `channels` and `to` are the compiled step's own frozen arrays, shared by every plan of the policy.
 */
export interface PlannedReminder {
  at: Date;
  step: number;
  send: number;
  channels: readonly Channel[];
  to: readonly Audience[];
}

export interface PlanInput {
  dueAt: Date;
  policy: ReminderPolicy;
  calendar: WorkingCalendar;
  /** hỏa tốc: hour offsets are sent at their exact instant, even in quiet hours or on a day off. */
  urgent?: boolean;
}

interface CompiledStep {
  offset: Offset;
  repeat: Offset | undefined;
  times: number;
  channels: readonly Channel[];
  to: readonly Audience[];
}

/** A policy with its texts parsed once; policies are values, so this is cached per policy object. */
interface CompiledPolicy {
  sendAtText: string;
  sendAt: number;
  quietStart: number;
  quietEnd: number;
  steps: readonly CompiledStep[];
}

/** What placing the sends of one plan needs (the compiled policy is shared, never copied). */
interface Context {
  policy: CompiledPolicy;
  calendar: WorkingCalendar;
  urgent: boolean;
  due: number;
  dueDay: number;
}

/** Where a send is before it is placed: a local day number (day offsets) or an instant in epoch ms (hour offsets). */
interface Position {
  isDay: boolean;
  value: number;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
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
        times: step.times,
        channels: Object.freeze([...step.channels]),
        to: Object.freeze([...step.to]),
      })),
    };
    compiled.set(policy, result);
  }
  return result;
}

/** Local day number and minute of an instant in epoch ms (no Date on the hot path). */
const dayOf = (t: number) => Math.floor((t + OFFSET_MS) / DAY_MS);
const minuteOf = (t: number) => Math.floor((t + OFFSET_MS - dayOf(t) * DAY_MS) / MINUTE_MS);

/**
 * The full reminder plan of one assignment, as if it never closes, sorted by time (then step, send).
 *
 * Placement rules (deterministic):
 * - `wd`/`d` offsets land at `sendAt` local time on a working day; a `d` offset that hits a day off
 *   moves to the previous working day when it was meant before the deadline, else to the next one.
 * - `h` offsets are exact instants. Unless urgent, an instant on a day off or in quiet hours moves:
 *   before the deadline, back to the last allowed minute (so a "before" reminder stays before);
 *   otherwise forward to `sendAt` of the next working day.
 * - `times` sends, each `repeatEvery` after the previous one's unplaced position; a send is never
 *   placed before the previous send of its step (if placement pushed that one later, both go together).
 */
export function planReminders(input: PlanInput): PlannedReminder[] {
  const due = input.dueAt.getTime();
  const ctx: Context = {
    policy: compile(input.policy),
    calendar: input.calendar,
    urgent: input.urgent ?? false,
    due,
    dueDay: dayOf(due),
  };
  const plan: PlannedReminder[] = [];
  const steps = ctx.policy.steps;
  for (let index = 0; index < steps.length; index++) planStep(ctx, steps[index] as CompiledStep, index, plan);
  return sortPlan(plan);
}

function planStep(ctx: Context, step: CompiledStep, index: number, plan: PlannedReminder[]): void {
  let position = start(ctx, step.offset);
  let previous = Number.NEGATIVE_INFINITY;
  for (let send = 1; send <= step.times; send++) {
    // Placement can push a send past the next one's raw time (out of quiet hours): never reorder them.
    const at = Math.max(previous, place(ctx, position));
    plan.push({ at: new Date(at), step: index, send, channels: step.channels, to: step.to });
    previous = at;
    if (step.repeat) position = advance(ctx, position, step.repeat);
  }
}

function start(ctx: Context, offset: Offset): Position {
  switch (offset.unit) {
    case 'wd':
      return { isDay: true, value: ctx.calendar.addWorkingDayNumbers(ctx.dueDay, offset.count) };
    case 'd':
      return { isDay: true, value: ctx.dueDay + offset.count };
    case 'h':
      return { isDay: false, value: ctx.due + offset.count * HOUR_MS };
  }
}

function advance(ctx: Context, position: Position, by: Offset): Position {
  if (by.unit === 'h') {
    const t = position.isDay ? msAt(position.value, ctx.policy.sendAt) : position.value;
    return { isDay: false, value: t + by.count * HOUR_MS };
  }
  const from = position.isDay ? position.value : dayOf(position.value);
  const to = by.unit === 'wd' ? ctx.calendar.addWorkingDayNumbers(from, by.count) : from + by.count;
  return position.isDay
    ? { isDay: true, value: to }
    : { isDay: false, value: position.value + (to - from) * DAY_MS };
}

/** The instant (ms) a send goes out. */
function place(ctx: Context, position: Position): number {
  const { calendar: cal, policy } = ctx;
  if (position.isDay) {
    const before = msAt(position.value, policy.sendAt) < ctx.due;
    const day = before
      ? cal.previousWorkingDayNumber(position.value)
      : cal.nextWorkingDayNumber(position.value);
    return msAt(day, policy.sendAt);
  }
  const t = position.value;
  if (ctx.urgent || isAllowed(ctx, t)) return t;
  if (t < ctx.due) return latestAllowedBefore(ctx, t);
  return cal.nextWorkingInstant(new Date(t), policy.sendAtText).getTime();
}

function isQuiet({ quietStart, quietEnd }: CompiledPolicy, minute: number): boolean {
  return isQuietMinute(minute, quietStart, quietEnd);
}

/** Whether a reminder may go at `t` without moving: a working day, outside quiet hours. */
function isAllowed(ctx: Context, t: number): boolean {
  return ctx.calendar.isWorkingDayNumber(dayOf(t)) && !isQuiet(ctx.policy, minuteOf(t));
}

/** The last allowed minute before `t`: just before quiet hours start, on the same or an earlier working day. */
function latestAllowedBefore(ctx: Context, t: number): number {
  const { policy, calendar } = ctx;
  const day = dayOf(t);
  const minute = minuteOf(t);
  const wraps = policy.quietStart > policy.quietEnd;
  const sameDay = wraps ? minute >= policy.quietStart : policy.quietStart > 0 && minute >= policy.quietStart;
  if (calendar.isWorkingDayNumber(day) && isQuiet(policy, minute) && sameDay) {
    return msAt(day, policy.quietStart - 1);
  }
  const previous = calendar.previousWorkingDayNumber(day - 1);
  return msAt(previous, wraps ? policy.quietStart - 1 : 24 * 60 - 1);
}

/** By time, then step, then send. Insertion sort: a plan is short and the steps mostly come in order. */
function sortPlan(plan: PlannedReminder[]): PlannedReminder[] {
  for (let i = 1; i < plan.length; i++) {
    const item = plan[i] as PlannedReminder;
    let j = i - 1;
    while (j >= 0 && comesAfter(plan[j] as PlannedReminder, item)) {
      plan[j + 1] = plan[j] as PlannedReminder;
      j--;
    }
    plan[j + 1] = item;
  }
  return plan;
}

function comesAfter(a: PlannedReminder, b: PlannedReminder): boolean {
  const dt = a.at.getTime() - b.at.getTime();
  return dt > 0 || (dt === 0 && (a.step > b.step || (a.step === b.step && a.send > b.send)));
}
