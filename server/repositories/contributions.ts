import type { Stance } from '../../types/domain'
import type { ContributionRecord, ContributionRepository, ModerationViewer } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, moderationColumns, moderationOf } from './rows'

/** Deliberation (民事民议) in SQL: contributions to a proposal's, an article's or a disclosure's discussion. */

export interface ContributionRow {
  id: string
  community_id: string
  subject_key: string
  parent_id: string | null
  author_id: string
  author_name: string
  official: boolean
  stance: Stance | null
  body: string
  hidden_reason: string | null
  hidden_by_id: string | null
  hidden_by_name: string | null
  hidden_at: unknown
  created_at: unknown
  moderation_status: string | null
  moderation_reason: string | null
}

export const CONTRIBUTION_COLUMNS = `id, community_id, subject_key, parent_id, author_id, author_name, official, stance, body,
  hidden_reason, hidden_by_id, hidden_by_name, hidden_at, created_at, moderation_status, moderation_reason`

export function toContribution(r: ContributionRow): ContributionRecord {
  const moderation = moderationOf(r.moderation_status, r.moderation_reason)
  return {
    id: r.id,
    communityId: r.community_id,
    subjectKey: r.subject_key,
    ...(r.parent_id !== null ? { parentId: r.parent_id } : {}),
    authorId: r.author_id,
    authorName: r.author_name,
    official: r.official,
    ...(r.stance !== null ? { stance: r.stance } : {}),
    body: r.body,
    ...(r.hidden_reason !== null
      ? { hidden: { reason: r.hidden_reason, byId: r.hidden_by_id ?? '', byName: r.hidden_by_name ?? '', at: iso(r.hidden_at) } }
      : {}),
    createdAt: iso(r.created_at),
    ...(moderation ? { moderation } : {}),
  }
}

/** `canSeeModerated` in SQL, its viewer's id as `idParam` (absent viewer: published only). */
function visibleWhere(visibleTo: ModerationViewer | undefined, idParam: string): string {
  if (!visibleTo) return 'moderation_status IS NULL'
  return `(moderation_status IS NULL${visibleTo.moderator ? " OR moderation_status = 'held'" : ''} OR author_id = ${idParam})`
}

export function contributionRepository(q: Queryable): ContributionRepository {
  return {
    insert: async (c) => {
      await q.query(
        `INSERT INTO contributions (${CONTRIBUTION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          c.id,
          c.communityId,
          c.subjectKey,
          c.parentId ?? null,
          c.authorId,
          c.authorName,
          c.official,
          c.stance ?? null,
          c.body,
          c.hidden?.reason ?? null,
          c.hidden?.byId ?? null,
          c.hidden?.byName ?? null,
          c.hidden?.at ?? null,
          c.createdAt,
          ...moderationColumns(c.moderation),
        ],
      )
    },
    find: async (id) => {
      const [row] = await q.query<ContributionRow>(`SELECT ${CONTRIBUTION_COLUMNS} FROM contributions WHERE id = $1`, [id])
      return row ? toContribution(row) : null
    },
    list: async (subjectKey, cursor, limit, visibleTo) => {
      const viewer = visibleTo ? [visibleTo.id] : []
      const rows = cursor
        ? await q.query<ContributionRow>(
            `SELECT ${CONTRIBUTION_COLUMNS} FROM contributions
             WHERE subject_key = $1 AND (created_at, id) > ($2::timestamptz, $3) AND ${visibleWhere(visibleTo, '$5')}
             ORDER BY created_at, id LIMIT $4`,
            [subjectKey, cursor.createdAt, cursor.id, limit, ...viewer],
          )
        : await q.query<ContributionRow>(
            `SELECT ${CONTRIBUTION_COLUMNS} FROM contributions WHERE subject_key = $1 AND ${visibleWhere(visibleTo, '$3')} ORDER BY created_at, id LIMIT $2`,
            [subjectKey, limit, ...viewer],
          )
      return rows.map(toContribution)
    },
    countStances: async (subjectKey) => {
      const [row] = await q.query<{ for: number; against: number; neutral: number }>(
        `SELECT count(*) FILTER (WHERE stance = 'for')::int AS "for", count(*) FILTER (WHERE stance = 'against')::int AS against,
           count(*) FILTER (WHERE stance = 'neutral')::int AS neutral
         FROM contributions WHERE subject_key = $1 AND parent_id IS NULL AND hidden_reason IS NULL AND moderation_status IS NULL`,
        [subjectKey],
      )
      return { for: Number(row.for), against: Number(row.against), neutral: Number(row.neutral) }
    },
    countMany: async (subjectKeys) => {
      if (subjectKeys.length === 0) return new Map()
      const rows = await q.query<{ subject_key: string; n: number }>(
        `SELECT subject_key, count(*)::int AS n FROM contributions WHERE subject_key = ANY($1::text[]) AND hidden_reason IS NULL AND moderation_status IS NULL GROUP BY subject_key`,
        [[...subjectKeys]],
      )
      return new Map(rows.map((r) => [r.subject_key, Number(r.n)]))
    },
    hide: async (id, h) => {
      await q.query('UPDATE contributions SET hidden_reason = $2, hidden_by_id = $3, hidden_by_name = $4, hidden_at = $5 WHERE id = $1', [
        id,
        h.reason,
        h.byId,
        h.byName,
        h.at,
      ])
    },
  }
}
