/**
 * The engine's use cases (issue 3), driven by the three Lambda entry points, the local runtime and
 * `dondoc simulate` alike — everything goes through `DispatcherDependencies` (clock, store, scheduler, notifier,
 * subscriptions, digests), so a virtual clock drives them unchanged:
 *
 * - `planAssignmentChange(deps, { before, after })` — stream planner: one schedule per open
 *   assignment, `nextCheckAt` written on plan changes (next-check.ts has the rule).
 * - `replanForPolicy(deps, before, after)` / `replanForCalendar(deps, { before, after })` — a
 *   policy or calendar override changed: bump `planVersion` of the open assignments concerned.
 * - `dispatchCheck(deps, { v: 1, assignmentId, planVersion })` — a check fire: queue the due
 *   reminders into per-recipient digests, move `nextCheckAt`.
 * - `drainWindow(deps, windowId, { remainingMs })` — a send window's fire: every due digest, one
 *   message per recipient and channel, paced to `smsPartsPerSecond`, resumed when time runs out.
 * - `sendDigest(deps, digestId)` — one digest (the sweep's retry, or a single digest's fire).
 * - `dispatch(deps, payload, { remainingMs })` — one of the three above, by payload id.
 * - `sweep(deps)` — daily safety net: missed checks, unsent digests, email subscription statuses.
 */

import type { DispatcherDependencies } from '#ports/dependencies';
import type { CheckPayload } from '#ports/reminder-scheduler';
import { isDigestId } from './digest.ts';
import { type DispatchResult, dispatchCheck } from './dispatch-check.ts';
import { type DigestResult, sendDigest } from './send-digest.ts';
import { type DrainResult, drainWindow, isWindowId } from './window.ts';

export { DIGEST_DELAY_MINUTES, digestId, isDigestId, localMinute } from './digest.ts';
export { type DispatchResult, dispatchCheck } from './dispatch-check.ts';
export { refreshEmailStatuses } from './email-statuses.ts';
export {
  type AssignmentChange,
  type PlanAssignmentDeps,
  type PlanOutcome,
  planAssignmentChange,
} from './plan-assignment.ts';
export { type BatchRecord, planBatch, type StreamChange } from './plan-batch.ts';
export { replanForCalendar, replanForPolicy } from './replan.ts';
export { type DigestResult, SEND_LEASE_MS, sendDigest } from './send-digest.ts';
export { type SweepResult, sweep } from './sweep.ts';
export { type DrainResult, drainWindow, isWindowId, windowId } from './window.ts';

/** The dispatcher's one entry: a send window's drain, a digest fire or an assignment check fire. */
export function dispatch(
  deps: DispatcherDependencies,
  payload: CheckPayload,
  invocation: { remainingMs: number },
): Promise<DispatchResult | DigestResult | DrainResult> {
  if (isWindowId(payload.assignmentId)) return drainWindow(deps, payload.assignmentId, invocation);
  return isDigestId(payload.assignmentId)
    ? sendDigest(deps, payload.assignmentId)
    : dispatchCheck(deps, payload);
}
