import type { Channel } from '../schemas/common.ts';
import type { Assignment, Reminder } from '../schemas/entities.ts';
import type { PersonalLink } from './links.ts';
import type { Page, PageRequest } from './store.ts';

/**
 * One message per recipient, channel and send window (issue 3, "digest"). The dispatcher never
 * publishes itself: it adds every due (step, send, channel, recipient) of an assignment as an
 * entry to the open digest of that recipient, channel and window; one schedule per digest fires a
 * couple of minutes after the window opens and sends ONE message listing all its entries.
 * See shared/usecases/engine/digest.ts for the whole design.
 */
export interface DigestRef {
  /** Deterministic: `digest-<recipient>-<channel>-<window>` (see `digestId`). */
  id: string;
  /** Contact id (sms) or unit id (email to the unit's topic). */
  recipient: string;
  /** The unit the recipient belongs to (the contact's unit, or the unit itself for email). */
  recipientUnitId: string;
  channel: Channel;
  /** Local minute the window opens, `YYYY-MM-DDTHH:MM` (Asia/Ho_Chi_Minh). */
  window: string;
  /** When the digest's schedule fires (UTC ISO). */
  flushAt: string;
}

/** One reminder waiting in a digest: enough to claim its reminder-log record and rebuild its text. */
export interface DigestEntry {
  assignmentId: string;
  planVersion: number;
  /** The reminder-log key (`v<planVersion>#<step>#<send>#<planned channel>#<recipient>`). */
  key: string;
  step: number;
  send: number;
  /** The channel the policy planned (an email step may go by SMS when the unit has no confirmed address). */
  plannedChannel: Channel;
  plannedAt: string;
  /** Why it is late or moved, e.g. `email not confirmed: sent by SMS` or `held: quiet hours`. */
  detail?: string;
  /**
   * The assignment as the dispatcher left it (its `version` after the next-check write): the
   * message's text comes from it, and sending checks that version instead of reading it again.
   * Absent in entries queued before it existed: those are read.
   */
  assignment?: Assignment;
  /** The formal letter (văn bản đôn đốc) its step drafted: the office's email links to it. */
  letterId?: string;
}

/** One item's claim: its log record, and the assignment version its text is taken from (checked with it). */
export interface ItemClaim {
  record: Reminder;
  expect?: { assignmentId: string; version: number };
}

export interface ClaimResult {
  /** The records claimed for this send. */
  won: Reminder[];
  /** Assignments whose version moved since their snapshot: nothing was written for their items. */
  stale: string[];
  /** With `digest`: whether the digest was claimed in the same transaction (false: nothing was written). */
  digestClaimed?: boolean;
  /** With `link`: whether it was written with the claim (false when no transaction committed). */
  linkWritten?: boolean;
}

/**
 * A digest claimed together with its items: still open and holding exactly `entries` entries; or,
 * with `create`, one not stored yet (held by this container, see `add`), created already claimed.
 */
export interface DigestClaim {
  id: string;
  claimedAt: string;
  entries: number;
  create?: boolean;
}

/** The digest as this container knows it (see `written`): `stored` false while it is only held here. */
export interface WrittenDigest {
  digest: Digest;
  stored: boolean;
}

/** The per-message writes that ride on a send's claim transaction instead of costing a request each. */
export interface ClaimWith {
  /** The digest's own claim, in the first transaction: if it fails, nothing is written. */
  digest?: DigestClaim;
  /** The message's personal link, written if absent (a revoked one stays revoked) with the first commit. */
  link?: PersonalLink;
}

export type DigestState = 'open' | 'sending' | 'sent' | 'failed' | 'abandoned';

export interface Digest extends DigestRef {
  state: DigestState;
  /** Claims so far (a retry after a transient failure or an expired lease claims again). */
  attempts: number;
  claimedAt?: string;
  entries: DigestEntry[];
  detail?: string;
}

export type AddResult = 'created' | 'added' | 'closed';

export type DueKind = 'check' | 'digest';

/** Something due by the window tick of `date`, in one shard of the due checks or unfinished digests. */
export interface DueMark {
  date: string;
  kind: DueKind;
  shard: number;
}

export interface DueMarks {
  marks: DueMark[];
  /** False until a full scan of the lists has completed once: then every shard is read. */
  scanned: boolean;
  /**
   * When a contact's email subscription last became pending, if one may still be (the same query
   * tells the sweep whether the email refresh has anything to ask SNS; absent: nothing pending).
   */
  emailsPendingSince?: string;
}

export interface DigestQueue {
  /**
   * Adds an entry (idempotent per entry key) to the digest if it is still open, creating the
   * digest when absent. `created`: the caller must schedule its flush; `closed`: the digest is
   * already being sent, pick a later window. With `hold` (a drain of this container sends the
   * digest), a digest this container has not stored is held in memory, written only by its claim
   * (`DigestClaim.create`): no request; the caller keeps what it queued due until then.
   */
  add(ref: DigestRef, entry: DigestEntry, hold?: boolean): Promise<AddResult>;
  /**
   * Forgets a held digest (its claim could not create it, or its drain ran out of time) and returns
   * its ref and entries, for the caller to store the usual way. Undefined when none is held.
   */
  release(id: string): { ref: DigestRef; entries: DigestEntry[] } | undefined;
  get(id: string): Promise<Digest | undefined>;
  /**
   * Takes the digest for sending (conditional): an open or failed digest, or one stuck in
   * `sending` since before `staleBefore` (its sender crashed). Returns it with `reclaimed` true in
   * the last case, or undefined when someone else holds it or it is finished.
   */
  claim(
    id: string,
    now: string,
    staleBefore: string,
  ): Promise<{ digest: Digest; reclaimed: boolean } | undefined>;
  /**
   * Claims the log records of a send (conditional puts: absent, or an outcome in `reclaimable`)
   * together with a check of each expected assignment version, in one transaction per 100 items.
   * A record someone else holds is left out; the items of a moved assignment come back as `stale`.
   * `extra`: the digest's claim and the message's link, in the same transaction.
   */
  claimItems(
    claims: readonly ItemClaim[],
    reclaimable: readonly Reminder['outcome'][],
    extra?: ClaimWith,
  ): Promise<ClaimResult>;
  /**
   * The digest as this container wrote or holds it, when it created it (its adds included): a
   * drain sending it claims it with its items in one transaction instead of reading it first.
   * Undefined otherwise.
   */
  written(id: string): WrittenDigest | undefined;
  /**
   * Records the end of a send in one transaction (per 49 items): every claimed record's outcome,
   * the SNS message refs of the sent ones (for the carrier receipts), and the digest's state:
   * `sent`, `failed` (retried) or `abandoned` (permanent failure).
   */
  complete(
    id: string,
    state: 'sent' | 'failed' | 'abandoned',
    records: readonly Reminder[],
    detail?: string,
  ): Promise<void>;
  /** Unfinished digests (open, failed or sending) whose flush time is at or before `before`; all shards, or those given. */
  listUnfinished(before: string, page?: PageRequest, shards?: readonly number[]): Promise<Page<Digest>>;
  /**
   * Marks the window tick that must look at this digest (see due-marks.ts): `tick` (the drain
   * sending it now), or the first tick at or after `at` (its window) and now.
   */
  markDue(digestId: string, at: Date, tick?: Date): Promise<void>;
  /**
   * Marks every digest shard for `tick`, or for the first tick at or after `at`: one request for
   * all the digests a running drain creates (a retry of its tick after a crash reads every shard).
   */
  markAllDue(at: Date, tick?: Date): Promise<void>;
  /** The due marks of the ticks up to `tick` (checks and digests). */
  dueMarks(tick: Date): Promise<DueMarks>;
  /** A tick handled everything up to its date: its marks go; `scanned` records a first full scan. */
  clearDueMarks(read: readonly DueMark[], tick: Date, scanned: boolean): Promise<void>;
}
