import type { AuditAction, AuditSubjectKind, Id, ModerationKind, Role } from '../../types/domain'
import type { Keyset } from './ports'

/**
 * The ports of content security (issue 13), shaped like the rest of ports.ts: the moderation queue
 * (texts the content check held, and what moderators decided) and the audit log (staff actions
 * that matter to residents, append-only). A held text itself stays in its own table with its
 * moderation mark (`moderation` on reports, messages, notices, proposals, contributions); the
 * queue names it by kind and id.
 */

// ── the moderation queue ─────────────────────────────────────────────────────────────────────

export interface ModerationRecord {
  id: Id
  communityId: Id
  kind: ModerationKind
  /** The held text's id: a report's, message's, notice's, proposal's or contribution's. */
  subjectId: Id
  /** Where it is: a message's thread id, a contribution's subject key (`proposal:pp_1`). */
  context?: string
  authorId: Id
  /** What others would read, as it was checked. */
  text: string
  /** The checker's label (a word list's entry, WeChat's label): kept with the decision, never shown. */
  checkerReason: string
  status: 'held' | 'approved' | 'rejected'
  createdAt: string
  decidedAt?: string
  decidedById?: Id
  /** A moderator's reason for refusing it. */
  reason?: string
}

/** A queue item with the names of its author and of who decided (as they are now). */
export interface ModerationRow extends ModerationRecord {
  authorName: string
  decidedByName?: string
}

/** The kinds of held text that live in a table of their own with a moderation mark (a held photo is settled by its check). */
export type HeldTextKind = Exclude<ModerationKind, 'photo'>

/** What a decision does to the held text. */
export type Settlement = { published: true; at: string } | { published: false; reason: string; at: string }

export interface ModerationRepository {
  /** Put a held text in the queue. */
  insert(item: ModerationRecord): Promise<void>
  find(id: Id): Promise<ModerationRow | null>
  /** `find`, holding the item until the transaction ends: two moderators deciding on one item serialise. */
  findForUpdate(id: Id): Promise<ModerationRow | null>
  /** The item still held for this text or photo, if any (a check that answers twice holds it once). */
  findHeld(kind: ModerationKind, subjectId: Id): Promise<ModerationRow | null>
  /** A community's held items, oldest first (createdAt, id) — who waits longest first — after `cursor`. */
  listHeld(communityId: Id, cursor: Keyset | null, limit: number): Promise<ModerationRow[]>
  /** Record the decision on a held item; false (nothing written) when it is no longer held. */
  decide(id: Id, decision: { status: 'approved' | 'rejected'; at: string; byId: Id; reason?: string }): Promise<boolean>
  /**
   * What the decision does to the held text of `kind` and `subjectId`. Published: its mark goes; a
   * message takes the next place in its thread, dated `at` (it is new to its readers: unread
   * counts announce it now); a notice is published at `at`; a proposal's deadline moves on by the
   * time it was held (its window to gather co-signs starts when others can see it). Refused: its mark
   * becomes `rejected` with the reason.
   */
  settle(kind: HeldTextKind, subjectId: Id, outcome: Settlement): Promise<void>
}

// ── the audit log ────────────────────────────────────────────────────────────────────────────

export type AuditDetails = Record<string, string | number | boolean | null>

export interface AuditRecord {
  id: Id
  communityId: Id
  at: string
  actorId: Id
  /** The role the actor acted in (`displayRole`). */
  actorRole: Role
  action: AuditAction
  subjectKind: AuditSubjectKind
  subjectId: Id
  /** The person the action concerns, when it is one with an account (a reporter, an author, whose role changed). */
  concernsId?: Id
  note?: string
  details: AuditDetails
}

/** An event with the names of its actor and of whom it concerns (as they are now: an erased account's is anonymous). */
export interface AuditRow extends AuditRecord {
  actorName: string
  concernsName?: string
}

export interface AuditFilter {
  communityId: Id
  action?: AuditAction
  subjectKind?: AuditSubjectKind
  subjectId?: Id
}

/**
 * The audit log: inserts and reads only — nothing changes or removes an event (the SQL table
 * refuses UPDATE, DELETE and TRUNCATE).
 */
export interface AuditRepository {
  insert(event: AuditRecord): Promise<void>
  /** Newest first over (at, id) after `cursor` (its `createdAt` is the event's `at`), at most `limit`. */
  list(filter: AuditFilter, cursor: Keyset | null, limit: number): Promise<AuditRow[]>
}
