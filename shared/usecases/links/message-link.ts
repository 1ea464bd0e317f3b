import { consoleUrl, linkCode, linkUrl } from '#domain/link';
import type { Dependencies } from '#ports/dependencies';
import type { Digest } from '#ports/digest-queue';
import type { PersonalLink } from '#ports/links';
import type { Assignment, Contact } from '#schemas/entities';
import { newLink } from './mint-link.ts';

type Deps = Pick<Dependencies, 'linkSecret' | 'clock' | 'settings'>;

/** The link a message carries, and what the text says it is for. */
export interface MessageLink {
  url: string;
  /** `report`: the recipient's personal link; `view`: the console (nothing of theirs to act on). */
  linkFor: 'report' | 'view';
  /** The personal link's code, to mask in what is kept of the text; absent for the console. */
  code?: string;
  /** The personal link to store (if absent) before the message is published; absent for the console. */
  mint?: PersonalLink;
}

/**
 * The link of one message (a digest: one recipient, one channel, one send window), to be stored
 * before it is published so that it opens as soon as it arrives. A contact gets a personal link to
 * the message's items of their own unit; an item of another unit (an escalation to the parent
 * unit's head, the office) is listed in the text but never reachable through the link. A recipient
 * with nothing of their own (escalations only, or a unit's shared email topic) gets the console's address.
 *
 * Idempotent: the code is derived from the message id (`linkCode`), so a resend after a crash, or
 * a retry after a failed publish, carries the link minted the first time. Nothing is written here:
 * the send path stores `mint` in its claim transaction (`ensureLinkUpdate`: set only where absent,
 * so a revoked link stays revoked), one write per message that costs no request of its own, and
 * nothing is read: the assignments and the contact are in hand.
 */
export async function messageLink(
  deps: Deps,
  digest: Digest,
  contact: Contact | undefined,
  assignments: Assignment[],
): Promise<MessageLink | undefined> {
  const base = deps.settings.linkBase;
  if (!base) return undefined;
  const own = [...new Set(assignments.filter((a) => a.unitId === digest.recipientUnitId).map((a) => a.id))];
  if (!contact || own.length === 0) return { url: consoleUrl(base), linkFor: 'view' };
  const code = linkCode(await deps.linkSecret.key(), digest.id);
  const mint = newLink(
    code,
    {
      unitId: digest.recipientUnitId,
      contactId: contact.id,
      assignmentIds: own,
      channel: digest.channel,
      createdBy: `send:${digest.id}`,
    },
    deps.clock.now(),
  );
  return { url: linkUrl(base, code), linkFor: 'report', code, mint };
}
