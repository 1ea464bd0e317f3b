import { createHash } from 'node:crypto';
import { minuteOfInstant, toLocalDate } from '#domain/local-time';
import type { DispatcherDependencies } from '#ports/dependencies';
import type { DigestEntry, DigestRef } from '#ports/digest-queue';
import type { Recipient } from './recipients.ts';
import { announceDigest, drainSends } from './window.ts';

/**
 * # One message per recipient, channel and send window (the digest)
 *
 * The dispatcher never publishes. For every due (step, send, channel, recipient) of an assignment
 * it adds an entry to the **digest** of (recipient, channel, window) — one item in the table
 * (shared/adapters/dynamodb/digest-queue.ts). The first digest of a window schedules the window's
 * ONE drain, `DIGEST_DELAY_MINUTES` after the window opens (window.ts); the drain claims each digest
 * once (conditional update), claims every entry's reminder-log record (the per-send guard),
 * publishes ONE message listing the items, paced to the SMS sender's rate, and logs each item with
 * the message id. A unit head with five overdue tasks: five assignment fires at 08:00 add five
 * entries to `digest.sms.202604270800.<head>`, and the 08:02 drain sends one SMS listing the five.
 *
 * - **Window**: the local minute of the planned instant (policies send day-offset reminders at
 *   `sendAt`, so a morning's reminders share one window). A late entry (its window already flushed
 *   or about to be; a reminder caught up the same day) joins the window of the current minute,
 *   sent as that minute ends (`LATE_DIGEST_DELAY_MINUTES`): every late fire of the minute joins it.
 * - **Quiet hours / days off**: an entry due when sending is not allowed (quiet hours, or a day off)
 *   is logged `held` and added to the window of the next allowed instant (`sendAt` of the next
 *   working day), where it joins that morning's digest. Urgent (hỏa tốc) assignments are never held.
 * - **Schedule payload**: a window's drain schedule carries the CheckPayload shape the scheduler
 *   adapters validate, `{v:1, assignmentId: 'window.<yyyymmddhhmm>', planVersion: 0}`; a single
 *   digest can still be fired as `{v:1, assignmentId: <digest id>, planVersion: 0}`. Ids starting
 *   with `window.` or `digest.` are reserved (no assignment id may start with them). Fixture:
 *   test/fixtures/digest-payload.v1.json.
 * - **At most once**: an entry is added idempotently (map key = assignment + reminder key), the
 *   digest is claimed once, each item's log record is claimed before publishing; an item already
 *   logged (sent by an earlier digest) is left out of a later one.
 */
export const DIGEST_PREFIX = 'digest.';
/** Minutes between a window opening and its digest being sent: lets every fire of that minute join. */
export const DIGEST_DELAY_MINUTES = 2;
/** The same for the window of a late entry: its minute has begun, so it is sent as the minute ends. */
export const LATE_DIGEST_DELAY_MINUTES = 1;
const MINUTE = 60_000;

export function isDigestId(id: string): boolean {
  return id.startsWith(DIGEST_PREFIX);
}

/** `YYYY-MM-DDTHH:MM` local (Asia/Ho_Chi_Minh) of an instant. */
export function localMinute(instant: Date): string {
  const m = minuteOfInstant(instant);
  return `${toLocalDate(instant)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Who a digest goes to, by which channel. */
type DigestRecipient = Pick<Recipient, 'channel' | 'recipient' | 'recipientUnitId'>;

/**
 * `digest.<channel>.<yyyymmddhhmm>.<who>`: deterministic, a valid id (letters, digits, `.`, `-`,
 * `_`) and at most 58 characters, so `check-<id>` stays within a schedule name's 64; `who` is the
 * recipient (`<unit>.<contact>`), or its hash when too long.
 */
export function digestId(r: DigestRecipient, window: string): string {
  const who = `${r.recipientUnitId}.${r.recipient}`;
  const head = `${DIGEST_PREFIX}${r.channel}.${window.replace(/[-T:]/g, '')}.`;
  const tail =
    head.length + who.length <= 58 ? who : createHash('sha256').update(who).digest('hex').slice(0, 24);
  return `${head}${tail}`;
}

const floorMinute = (t: number) => Math.floor(t / MINUTE) * MINUTE;

/**
 * Adds one entry to its recipient's digest, creating (and scheduling) the digest when it is the
 * first. With `inDrain` (a drain's own dispatch, which keeps the check due until the drain's
 * digests are claimed: window.ts), a digest that drain will send is only held in memory, written
 * by its claim (send-digest.ts).
 */
export async function queueEntry(
  deps: DispatcherDependencies,
  r: DigestRecipient,
  entry: DigestEntry,
  opensAt: Date,
  now: Date,
  inDrain = false,
): Promise<DigestRef> {
  let start = floorMinute(opensAt.getTime());
  let delay = DIGEST_DELAY_MINUTES;
  if (now.getTime() >= start + DIGEST_DELAY_MINUTES * MINUTE) {
    start = floorMinute(now.getTime());
    delay = LATE_DIGEST_DELAY_MINUTES;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const window = localMinute(new Date(start));
    const flushAt = new Date(start + delay * MINUTE);
    const ref: DigestRef = {
      id: digestId(r, window),
      recipient: r.recipient,
      recipientUnitId: r.recipientUnitId,
      channel: r.channel,
      window,
      flushAt: flushAt.toISOString(),
    };
    const hold = inDrain && drainSends(deps, ref.window);
    const result = await deps.digests.add(ref, entry, hold);
    if (result === 'created') await announceDigest(deps, ref);
    if (result !== 'closed') return ref;
    start = Math.max(start + MINUTE, floorMinute(now.getTime()));
  }
  throw new Error(`no open digest window for ${r.channel} to ${r.recipient}`);
}

/**
 * Stores the entries held for a digest that was not created claimed (another sender stored it
 * first, or the drain ran out of time): each joins that digest if still open, else a later
 * window, as any entry queued outside a drain. Nothing when none is held.
 */
export async function storeHeld(deps: DispatcherDependencies, digestId: string, now: Date): Promise<void> {
  const held = deps.digests.release(digestId);
  for (const entry of held?.entries ?? [])
    await queueEntry(deps, held?.ref as DigestRef, entry, new Date(entry.plannedAt), now);
}
