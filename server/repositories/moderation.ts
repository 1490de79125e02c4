import type { AuditAction, AuditSubjectKind, ModerationKind, Role } from '../../types/domain'
import type { AuditDetails, AuditFilter, AuditRepository, AuditRow, HeldTextKind, ModerationRecord, ModerationRepository, ModerationRow, Settlement } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, isoOrUndefined, json } from './rows'

/**
 * Content security in SQL (issue 13): the moderation queue with what a decision does to the held
 * text, and the audit log — inserted into and read, never changed (the table's trigger refuses it).
 * Names come from users, as they are now.
 */

interface ItemRow {
  id: string
  community_id: string
  kind: ModerationKind
  subject_id: string
  context: string | null
  author_id: string
  author_name: string | null
  text: string
  checker_reason: string
  status: 'held' | 'approved' | 'rejected'
  created_at: unknown
  decided_at: unknown
  decided_by_id: string | null
  decided_by_name: string | null
  reason: string | null
}

const ITEM_SELECT = `SELECT m.id, m.community_id, m.kind, m.subject_id, m.context, m.author_id, a.name AS author_name, m.text, m.checker_reason,
    m.status, m.created_at, m.decided_at, m.decided_by_id, d.name AS decided_by_name, m.reason
  FROM moderation_items m JOIN users a ON a.id = m.author_id LEFT JOIN users d ON d.id = m.decided_by_id`

function toItem(r: ItemRow): ModerationRow {
  const decidedAt = isoOrUndefined(r.decided_at)
  return {
    id: r.id,
    communityId: r.community_id,
    kind: r.kind,
    subjectId: r.subject_id,
    ...(r.context !== null ? { context: r.context } : {}),
    authorId: r.author_id,
    authorName: r.author_name ?? '',
    text: r.text,
    checkerReason: r.checker_reason,
    status: r.status,
    createdAt: iso(r.created_at),
    ...(decidedAt ? { decidedAt } : {}),
    ...(r.decided_by_id !== null ? { decidedById: r.decided_by_id } : {}),
    ...(r.decided_by_name !== null ? { decidedByName: r.decided_by_name } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
  }
}

async function insertItem(q: Queryable, m: ModerationRecord): Promise<void> {
  await q.query(
    `INSERT INTO moderation_items (id, community_id, kind, subject_id, context, author_id, text, checker_reason, status, created_at, decided_at, decided_by_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      m.id,
      m.communityId,
      m.kind,
      m.subjectId,
      m.context ?? null,
      m.authorId,
      m.text,
      m.checkerReason,
      m.status,
      m.createdAt,
      m.decidedAt ?? null,
      m.decidedById ?? null,
      m.reason ?? null,
    ],
  )
}

/** The table of each kind of held text. */
const TABLE: Record<HeldTextKind, string> = {
  report: 'reports',
  message: 'messages',
  notice: 'notices',
  proposal: 'proposals',
  contribution: 'contributions',
  question: 'contributions',
}

/** What a decision does to the held text (see `ModerationRepository.settle`): one statement. */
async function settle(q: Queryable, kind: HeldTextKind, subjectId: string, outcome: Settlement): Promise<void> {
  if (!outcome.published) {
    await q.query(`UPDATE ${TABLE[kind]} SET moderation_status = 'rejected', moderation_reason = $2 WHERE id = $1`, [subjectId, outcome.reason])
    return
  }
  const publish = "moderation_status = NULL, moderation_reason = NULL"
  switch (kind) {
    case 'message':
      // The next place in the thread (an identity column takes its next value from DEFAULT).
      await q.query(`UPDATE messages SET ${publish}, seq = DEFAULT, at = $2 WHERE id = $1`, [subjectId, outcome.at])
      return
    case 'notice':
      await q.query(`UPDATE notices SET ${publish}, published_at = $2 WHERE id = $1`, [subjectId, outcome.at])
      return
    case 'proposal':
      await q.query(`UPDATE proposals SET ${publish}, deadline = deadline + GREATEST($2::timestamptz - created_at, interval '0') WHERE id = $1`, [subjectId, outcome.at])
      return
    default:
      await q.query(`UPDATE ${TABLE[kind]} SET ${publish} WHERE id = $1`, [subjectId])
  }
}

export function moderationRepository(q: Queryable): ModerationRepository {
  return {
    insert: (item) => insertItem(q, item),
    find: async (id) => {
      const [row] = await q.query<ItemRow>(`${ITEM_SELECT} WHERE m.id = $1`, [id])
      return row ? toItem(row) : null
    },
    findForUpdate: async (id) => {
      const [row] = await q.query<ItemRow>(`${ITEM_SELECT} WHERE m.id = $1 FOR UPDATE OF m`, [id])
      return row ? toItem(row) : null
    },
    findHeld: async (kind, subjectId) => {
      const [row] = await q.query<ItemRow>(`${ITEM_SELECT} WHERE m.kind = $1 AND m.subject_id = $2 AND m.status = 'held' LIMIT 1`, [kind, subjectId])
      return row ? toItem(row) : null
    },
    listHeld: async (communityId, cursor, limit) => {
      const rows = cursor
        ? await q.query<ItemRow>(
            `${ITEM_SELECT} WHERE m.community_id = $1 AND m.status = 'held' AND (m.created_at, m.id) > ($2::timestamptz, $3) ORDER BY m.created_at, m.id LIMIT $4`,
            [communityId, cursor.createdAt, cursor.id, limit],
          )
        : await q.query<ItemRow>(`${ITEM_SELECT} WHERE m.community_id = $1 AND m.status = 'held' ORDER BY m.created_at, m.id LIMIT $2`, [communityId, limit])
      return rows.map(toItem)
    },
    decide: async (id, d) => {
      const rows = await q.query(
        `UPDATE moderation_items SET status = $2, decided_at = $3, decided_by_id = $4, reason = $5 WHERE id = $1 AND status = 'held' RETURNING id`,
        [id, d.status, d.at, d.byId, d.reason ?? null],
      )
      return rows.length === 1
    },
    settle: (kind, subjectId, outcome) => settle(q, kind, subjectId, outcome),
  }
}

// ── the audit log ────────────────────────────────────────────────────────────────────────────

interface EventRow {
  id: string
  community_id: string
  at: unknown
  actor_id: string
  actor_name: string | null
  actor_role: Role
  action: AuditAction
  subject_kind: AuditSubjectKind
  subject_id: string
  concerns_id: string | null
  concerns_name: string | null
  note: string | null
  details: unknown
}

function toEvent(r: EventRow): AuditRow {
  return {
    id: r.id,
    communityId: r.community_id,
    at: iso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name ?? '',
    actorRole: r.actor_role,
    action: r.action,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    ...(r.concerns_id !== null ? { concernsId: r.concerns_id, concernsName: r.concerns_name ?? '' } : {}),
    ...(r.note !== null ? { note: r.note } : {}),
    details: json<AuditDetails>(r.details) ?? {},
  }
}

export function auditRepository(q: Queryable): AuditRepository {
  return {
    insert: async (e) => {
      await q.query(
        `INSERT INTO audit_events (id, community_id, at, actor_id, actor_role, action, subject_kind, subject_id, concerns_id, note, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`,
        [e.id, e.communityId, e.at, e.actorId, e.actorRole, e.action, e.subjectKind, e.subjectId, e.concernsId ?? null, e.note ?? null, JSON.stringify(e.details)],
      )
    },
    list: async (f: AuditFilter, cursor, limit) => {
      const params: unknown[] = [f.communityId]
      const param = (value: unknown) => {
        params.push(value)
        return `$${params.length}`
      }
      const where = ['e.community_id = $1']
      if (f.action !== undefined) where.push(`e.action = ${param(f.action)}`)
      if (f.subjectKind !== undefined) where.push(`e.subject_kind = ${param(f.subjectKind)}`)
      if (f.subjectId !== undefined) where.push(`e.subject_id = ${param(f.subjectId)}`)
      if (cursor) where.push(`(e.at, e.id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)})`)
      const rows = await q.query<EventRow>(
        `SELECT e.id, e.community_id, e.at, e.actor_id, a.name AS actor_name, e.actor_role, e.action, e.subject_kind, e.subject_id,
           e.concerns_id, c.name AS concerns_name, e.note, e.details
         FROM audit_events e JOIN users a ON a.id = e.actor_id LEFT JOIN users c ON c.id = e.concerns_id
         WHERE ${where.join(' AND ')} ORDER BY e.at DESC, e.id DESC LIMIT ${param(limit)}`,
        params,
      )
      return rows.map(toEvent)
    },
  }
}
