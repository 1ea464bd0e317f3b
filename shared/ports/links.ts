import type { Channel } from '../schemas/common.ts';

/** A personal link as stored (the code itself never is: `id` is its SHA-256). */
export interface PersonalLink {
  id: string;
  unitId: string;
  contactId: string;
  assignmentIds: string[];
  /** The message it went in, when minted by the send path. */
  channel?: Channel | undefined;
  createdAt: string;
  createdBy: string;
  validUntil: string;
  revokedAt?: string | undefined;
  revokedBy?: string | undefined;
}

/** One thing done through a link, kept with the link (and in the assignment's own history). */
export interface LinkAction {
  linkId: string;
  at: string;
  assignmentId: string;
  action: 'acknowledge' | 'progress' | 'complete';
  contactId: string;
  contactName: string;
  via: 'qua liên kết';
  percent?: number | undefined;
  note?: string | undefined;
}

export interface LinkStore {
  /** Conditional: an id already there is a ConflictError (a 72-bit collision, or a replayed mint). */
  create(link: PersonalLink): Promise<void>;
  /**
   * Creates the link unless one with its id exists, which is kept as it is (revoked stays revoked):
   * the send path's mint, replayed safely when a message is sent again.
   */
  ensure(link: PersonalLink): Promise<void>;
  get(id: string): Promise<PersonalLink | undefined>;
  /** Marks it revoked (the first revocation stays); undefined when there is no such link. */
  revoke(id: string, by: string, at: string): Promise<PersonalLink | undefined>;
  /** A contact's links, newest first. */
  listOfContact(unitId: string, contactId: string): Promise<PersonalLink[]>;
  record(action: LinkAction): Promise<void>;
  listActions(linkId: string): Promise<LinkAction[]>;
  /**
   * Counts one hit in `bucket` for the fixed window holding `now`; false once `limit` hits were
   * counted in that window (the hit is then not counted).
   */
  hit(bucket: string, limit: number, windowSeconds: number, now: Date): Promise<boolean>;
}

/**
 * The key the send path derives each message's link code from (`linkCode`): a secret kept out of
 * the table (Secrets Manager in AWS, the data folder locally), read once per container.
 */
export interface LinkSecret {
  key(): Promise<string>;
}
