import { tickAtOrBefore } from '#domain/send-windows';
import type { Dependencies } from '#ports/dependencies';
import { describeError, logger } from '#shared/logger';
import { dispatchCheck } from './dispatch-check.ts';
import { refreshEmailStatuses } from './email-statuses.ts';
import { scheduleCheck } from './plan-assignment.ts';
import { sendDigest } from './send-digest.ts';
import { readsAny, type Shards, shardsToRead } from './window.ts';

export interface SweepResult {
  /** Open assignments whose next check was overdue by more than the grace period. */
  missedChecks: number;
  /** Of those, dispatched here (the others failed and are retried tomorrow, or by their schedule). */
  dispatched: number;
  /** Schedules re-upserted (a lost schedule is recreated). */
  rescheduled: number;
  /** Digests still unsent after their flush time plus the grace period, sent here. */
  digestsSent: number;
  failures: number;
  /** Email subscriptions asked of SNS (the pending ones; Mondays every one). */
  emailsChecked: number;
  contactsUpdated: number;
}

/**
 * The daily sweep (07:30 local): the safety net of the event flow. A schedule can be lost (a
 * deleted schedule group, a fire that exhausted its retries into the dead-letter queue, DynamoDB
 * unavailable when it fired, the local runtime stopped): every open assignment whose `nextCheckAt`
 * is older than now − `sweepGraceMinutes` is dispatched here with the same use case as a fire,
 * and its schedule re-upserted; every digest not sent by then is sent (including those whose
 * sender crashed: their lease has long expired) and failed ones are retried. Then the email
 * subscription statuses are refreshed. One failure does not stop the others; it is logged and counted.
 *
 * Only the shards marked for a tick that has already run are read (due marks, see
 * shared/adapters/dynamodb/due-marks.ts): on most days none, and the net costs one query. A check
 * due after the last tick is the next tick's (it reads its own marks). The same query says whether
 * an email subscription may be pending: the email refresh reads nothing on the other days (Mondays
 * excepted, see email-statuses.ts).
 */
export async function sweep(deps: Dependencies): Promise<SweepResult> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.settings.sweepGraceMinutes * 60_000).toISOString();
  const result: SweepResult = {
    missedChecks: 0,
    dispatched: 0,
    rescheduled: 0,
    digestsSent: 0,
    failures: 0,
    emailsChecked: 0,
    contactsUpdated: 0,
  };

  const tick = tickAtOrBefore(now);
  const due = await deps.digests.dueMarks(tick);
  const scope = shardsToRead(due, { everyDigest: due.marks.some((m) => m.kind === 'check') });
  if (readsAny(scope.checks)) await catchUpChecks(deps, cutoff, scope.checks, result);
  if (readsAny(scope.digests)) await sendUnfinished(deps, cutoff, scope.digests, result);
  if (result.failures === 0) await deps.digests.clearDueMarks(due.marks, tick, !due.scanned);

  try {
    Object.assign(result, await refreshEmailStatuses(deps, due.emailsPendingSince));
  } catch (error) {
    result.failures++;
    logger.error('sweep could not refresh email subscriptions', { error: describeError(error) });
  }
  logger.info('sweep done', { ...result });
  return result;
}

async function catchUpChecks(deps: Dependencies, cutoff: string, shards: Shards, result: SweepResult) {
  let cursor: string | undefined;
  do {
    const page = await deps.store.listDueChecks(cutoff, { limit: 100, ...(cursor && { cursor }) }, shards);
    for (const a of page.items) {
      result.missedChecks++;
      try {
        const r = await dispatchCheck(deps, { v: 1, assignmentId: a.id, planVersion: a.planVersion });
        if (r.outcome === 'dispatched') result.dispatched++;
        const fresh = await deps.store.getAssignment(a.id);
        if (fresh?.state === 'open' && fresh.nextCheckAt) {
          if ((await scheduleCheck(deps, { ...fresh, nextCheckAt: fresh.nextCheckAt })) === 'scheduled')
            result.rescheduled++;
        }
      } catch (error) {
        result.failures++;
        logger.error('sweep could not dispatch a missed check', {
          assignmentId: a.id,
          error: describeError(error),
        });
      }
    }
    cursor = page.cursor;
  } while (cursor);
}

async function sendUnfinished(deps: Dependencies, cutoff: string, shards: Shards, result: SweepResult) {
  let cursor: string | undefined;
  do {
    const page = await deps.digests.listUnfinished(cutoff, { limit: 100, ...(cursor && { cursor }) }, shards);
    for (const digest of page.items) {
      try {
        const r = await sendDigest(deps, digest.id);
        if (r.outcome === 'sent') result.digestsSent++;
      } catch (error) {
        result.failures++;
        logger.error('sweep could not send a digest', { digest: digest.id, error: describeError(error) });
      }
    }
    cursor = page.cursor;
  } while (cursor);
}
