import { formatLocal } from '#domain/local-time';
import type { PlannedReminder } from '#domain/planner';
import { sendingAllowed } from '#domain/send-windows';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { DigestEntry } from '#ports/digest-queue';
import type { CheckPayload } from '#ports/reminder-scheduler';
import type { Assignment, Reminder } from '#schemas/entities';
import { ConflictError } from '#shared/errors';
import { logger } from '#shared/logger';
import { draftStepLetter } from '../letters/step-letter.ts';
import { queueEntry } from './digest.ts';
import { dueBetween, nextCheckAfter, planOf, sameInstant, withNextCheck } from './next-check.ts';
import { type Recipient, recipientsOf, reminderKey } from './recipients.ts';
import { ReferenceCache } from './reference-cache.ts';

export interface DispatchResult {
  assignmentId: string;
  outcome: 'missing' | 'closed' | 'stale' | 'early' | 'dispatched';
  /** Entries added to digests (sends decided now). */
  queued: number;
  /** Of which held for quiet hours or a day off. */
  held: number;
  nextCheckAt?: string;
}

/**
 * The dispatcher's use case for one check fire (`{v:1, assignmentId, planVersion}`): re-reads
 * the assignment and drops the fire when it is gone, closed (a completed assignment gets nothing
 * more) or stale (its plan version moved); queues every planned reminder in [nextCheckAt, now],
 * per (step, send, channel, recipient), into that recipient's digest (see digest.ts). The log is
 * read only for a reminder planned before the assignment last changed (the catch-up rule); a
 * re-fire's item already logged is refused by its log record's claim when its digest is sent (at
 * most once per item, and no log read per ordinary check); then moves `nextCheckAt` to the first planned
 * reminder after now (conditional on `version`). The stream planner turns that write into the
 * schedule update: the Scheduler is driven from one place.
 */
/** Takes a check's next-check write to run later (a drain: once the digests it filled are stored). */
export type DeferWrite = (write: () => Promise<unknown>) => void;

export async function dispatchCheck(
  deps: DispatcherDependencies,
  payload: CheckPayload,
  refs = new ReferenceCache(deps.store),
  listed?: Assignment,
  defer?: DeferWrite,
): Promise<DispatchResult> {
  const now = deps.clock.now();
  const base = { assignmentId: payload.assignmentId, queued: 0, held: 0 };
  // A tick passes the assignment its due-check list returned (the index projects it) instead of
  // reading it again. An index copy may lag the table: the next-check write is conditional on its
  // version and each item is sent only after its assignment's version is checked, so a copy that
  // was already closed or replanned sends nothing.
  const a = listed ?? (await deps.store.getAssignment(payload.assignmentId));
  if (!a) return done({ ...base, outcome: 'missing' });
  if (a.state !== 'open') return done({ ...base, outcome: 'closed' });
  if (a.planVersion !== payload.planVersion) return done({ ...base, outcome: 'stale' });
  if (a.nextCheckAt && new Date(a.nextCheckAt).getTime() > now.getTime()) {
    return done({ ...base, outcome: 'early', nextCheckAt: a.nextCheckAt }); // a fire of a check already handled
  }
  const [policy, calendar] = await Promise.all([refs.policy(a.policy), refs.calendar()]);
  const plan = planOf(a, policy, calendar);
  const due = dueBetween(plan, a.nextCheckAt ? new Date(a.nextCheckAt) : now, now);
  const counts = { queued: 0, held: 0 };
  const next = nextCheckAfter(plan, now);
  // The assignment as it will be once the cursor moved (recordNextCheck): the digest checks this
  // version when it sends instead of reading the assignment again (a mismatch costs that read).
  // A deferred cursor moves after the drain's claims: they check the version as it is now.
  const moves = !defer && !sameInstant(a.nextCheckAt, next);
  const snapshot = { ...a, version: moves ? a.version + 1 : a.version };
  if (due.length > 0) {
    // Only a reminder planned before the assignment last changed can have gone out under an
    // earlier plan version (the catch-up rule, `wentOut`): the log is read only then.
    const changedAt = Date.parse(a.updatedAt);
    const logged = due.some((r) => r.at.getTime() <= changedAt)
      ? await loggedKeys(deps, a.id)
      : new Set<string>();
    const hold =
      a.urgent || sendingAllowed(now, policy, calendar)
        ? undefined
        : calendar.nextWorkingInstant(now, policy.sendAt);
    // A `letter: true` step drafts the formal letter first, so the office's email can link to it.
    const letterStep = due.find((r) => policy.steps[r.step]?.letter);
    const letter = letterStep && (await draftStepLetter(deps, a, policy, letterStep.step));
    for (const reminder of due) {
      const recipients = await recipientsOf(
        refs.directory,
        a,
        reminder.to,
        reminder.channels,
        deps.settings.officeUnitId,
      );
      for (const r of recipients) {
        const key = reminderKey(a.planVersion, reminder.step, reminder.send, r);
        if (logged.has(key) || logged.has(wentOut(key, reminder.at.toISOString()))) continue;
        const toOffice = letter && r.channel === 'email' && r.recipientUnitId === deps.settings.officeUnitId;
        await queueOne(deps, {
          a: snapshot,
          inDrain: Boolean(defer),
          reminder,
          r,
          key,
          hold,
          now,
          letterId: toOffice ? letter.id : undefined,
        });
        counts.queued++;
        if (hold) counts.held++;
      }
    }
  }
  if (defer) {
    defer(() => recordNextCheck(deps, a, next));
    return done({
      ...base,
      ...counts,
      outcome: 'dispatched',
      ...(next && { nextCheckAt: next.toISOString() }),
    });
  }
  const nextCheckAt = await recordNextCheck(deps, a, next);
  return done({ ...base, ...counts, outcome: 'dispatched', ...(nextCheckAt && { nextCheckAt }) });
}

interface QueueInput {
  a: Assignment;
  /** Dispatched by a drain that defers the next-check write: its digests may be held until claimed. */
  inDrain: boolean;
  reminder: PlannedReminder;
  r: Recipient;
  key: string;
  hold: Date | undefined;
  now: Date;
  /** The formal letter the step drafted, linked from the office's email. */
  letterId: string | undefined;
}

async function queueOne(
  deps: DispatcherDependencies,
  { a, inDrain, reminder, r, key, hold, now, letterId }: QueueInput,
): Promise<void> {
  const detail = [r.detail, hold && `held: quiet hours or day off, until ${formatLocal(hold)}`]
    .filter(Boolean)
    .join('; ');
  const entry: DigestEntry = {
    assignmentId: a.id,
    planVersion: a.planVersion,
    key,
    step: reminder.step,
    send: reminder.send,
    plannedChannel: r.plannedChannel,
    plannedAt: reminder.at.toISOString(),
    ...(detail && { detail }),
    ...(letterId && { letterId }),
    assignment: a,
  };
  if (hold) {
    await deps.store.claimReminder(heldRecord(a, entry, r, now, detail));
    deps.metrics.reminders('held', r.channel);
  }
  const ref = await queueEntry(deps, r, entry, hold ?? reminder.at, now, inDrain);
  logger.info('reminder queued', {
    assignmentId: a.id,
    step: reminder.step,
    send: reminder.send,
    channel: r.channel,
    digest: ref.id,
    held: Boolean(hold),
  });
}

function heldRecord(a: Assignment, e: DigestEntry, r: Recipient, now: Date, detail: string): Reminder {
  return {
    assignmentId: a.id,
    key: e.key,
    step: e.step,
    send: e.send,
    channel: r.channel,
    recipient: r.recipient,
    unitId: a.unitId,
    plannedAt: e.plannedAt,
    at: now.toISOString(),
    outcome: 'held',
    detail,
    attempts: 0,
  };
}

/**
 * A send that went out, by step, send, channel, recipient and planned instant, whatever its plan
 * version: a changed assignment whose reminder of 08:00 went out gets no second copy when its new
 * plan catches up the same reminder (docs/how-it-works.md, the catch-up rule).
 */
const wentOut = (key: string, plannedAt: string) => `${key.slice(key.indexOf('#') + 1)}@${plannedAt}`;

/** The keys of the assignment's reminder log, plus `wentOut` of each send that went out. */
async function loggedKeys(deps: DispatcherDependencies, assignmentId: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.listReminders(assignmentId, { limit: 200, ...(cursor && { cursor }) });
    for (const r of page.items) {
      keys.add(r.key);
      if (r.outcome === 'sent' || r.outcome === 'pending') keys.add(wentOut(r.key, r.plannedAt));
    }
    cursor = page.cursor;
  } while (cursor);
  return keys;
}

/**
 * Writes the new cursor, conditional on `version`. On a conflict it re-reads: a moved plan version
 * or a closed assignment ends here (the planner owns it), a cursor already moved past now (a
 * concurrent duplicate fire) too; otherwise (a progress report came in between) it writes again.
 */
async function recordNextCheck(
  deps: DispatcherDependencies,
  seen: Assignment,
  next: Date | undefined,
): Promise<string | undefined> {
  let a: Assignment | undefined = seen;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (a?.state !== 'open' || a.planVersion !== seen.planVersion) return undefined;
    if (sameInstant(a.nextCheckAt, next)) return a.nextCheckAt;
    if (
      attempt > 0 &&
      a.nextCheckAt &&
      next &&
      new Date(a.nextCheckAt).getTime() > deps.clock.now().getTime()
    ) {
      return a.nextCheckAt;
    }
    const value = {
      ...withNextCheck(a, next),
      version: a.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.store.write([{ op: 'put', entity: { kind: 'assignment', value }, expect: a.version }]);
      return value.nextCheckAt;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      a = await deps.store.getAssignment(seen.id);
    }
  }
  throw new ConflictError(`assignment ${seen.id} kept changing while its next check was being written`);
}

function done(result: DispatchResult): DispatchResult {
  logger.info('check handled', { ...result });
  return result;
}
