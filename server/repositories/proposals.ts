import type { ProposalStatus, RatingLevel } from '../../types/domain'
import type {
  CosignRecord,
  Keyset,
  MinutesRecord,
  ProgressRecord,
  ProposalFilter,
  ProposalRecord,
  ProposalRepository,
  ProposalRow,
  RatingRecord,
} from '../../src/core/ports'
import type { HouseholdKey } from '../../src/domain/consultation/households'
import type { Queryable } from '../db/driver'
import { iso, moderationColumns, moderationOf } from './rows'

/**
 * Proposals (民事民提) in SQL: co-signs by household, staff's answers, minutes, progress and
 * ratings (民事民评). Lists read each proposal with its counts in the same statement.
 */

export interface ProposalDbRow {
  id: string
  community_id: string
  author_id: string
  author_name: string
  author_building_id: string
  author_room: string
  author_building_name: string
  title: string
  body: string
  photo_ids: string[]
  article_convention_id: string | null
  article_id: string | null
  article_text: string | null
  threshold: number
  deadline: unknown
  status: ProposalStatus
  answer_kind: 'agenda' | 'declined' | 'merged' | null
  answer_reason: string | null
  answer_merged_into_id: string | null
  answer_at: unknown
  answer_by_id: string | null
  answer_by_name: string | null
  vote_id: string | null
  responsible: string | null
  created_at: unknown
  moderation_status: string | null
  moderation_reason: string | null
}

export const PROPOSAL_COLUMNS = `p.id, p.community_id, p.author_id, p.author_name, p.author_building_id, p.author_room, p.author_building_name,
  p.title, p.body, p.photo_ids, p.article_convention_id, p.article_id, p.article_text, p.threshold, p.deadline, p.status,
  p.answer_kind, p.answer_reason, p.answer_merged_into_id, p.answer_at, p.answer_by_id, p.answer_by_name, p.vote_id, p.responsible, p.created_at,
  p.moderation_status, p.moderation_reason`

/** The counts of a ProposalRow, for `p`; `$home` parameters name the viewer's household (NULL: none). */
const COUNTS = (building: string, room: string) => `
  (SELECT count(*)::int FROM proposal_cosigns pc WHERE pc.proposal_id = p.id) AS cosigns,
  (SELECT count(*)::int FROM contributions k WHERE k.subject_key = 'proposal:' || p.id AND k.hidden_reason IS NULL AND k.moderation_status IS NULL) AS contributions,
  EXISTS (SELECT 1 FROM proposal_cosigns pc WHERE pc.proposal_id = p.id AND pc.building_id = ${building}::text AND pc.room = ${room}::text) AS cosigned_by_viewer`

export function toProposal(r: ProposalDbRow): ProposalRecord {
  const moderation = moderationOf(r.moderation_status, r.moderation_reason)
  return {
    id: r.id,
    communityId: r.community_id,
    authorId: r.author_id,
    authorName: r.author_name,
    authorHome: { buildingId: r.author_building_id, room: r.author_room },
    authorBuildingName: r.author_building_name,
    title: r.title,
    body: r.body,
    photoIds: [...r.photo_ids],
    ...(r.article_convention_id !== null && r.article_id !== null
      ? { article: { conventionId: r.article_convention_id, articleId: r.article_id, proposedText: r.article_text ?? '' } }
      : {}),
    threshold: Number(r.threshold),
    deadline: iso(r.deadline),
    status: r.status,
    ...(r.answer_kind !== null
      ? {
          answer: {
            kind: r.answer_kind,
            reason: r.answer_reason ?? '',
            ...(r.answer_merged_into_id !== null ? { mergedIntoId: r.answer_merged_into_id } : {}),
            at: iso(r.answer_at),
            byId: r.answer_by_id ?? '',
            byName: r.answer_by_name ?? '',
          },
        }
      : {}),
    ...(r.vote_id !== null ? { voteId: r.vote_id } : {}),
    ...(r.responsible !== null ? { responsible: r.responsible } : {}),
    createdAt: iso(r.created_at),
    ...(moderation ? { moderation } : {}),
  }
}

type CountedRow = ProposalDbRow & { cosigns: number; contributions: number; cosigned_by_viewer: boolean }

function toRow(r: CountedRow): ProposalRow {
  return { ...toProposal(r), cosigns: Number(r.cosigns), contributions: Number(r.contributions), cosignedByViewer: Boolean(r.cosigned_by_viewer) }
}

async function insertProposal(q: Queryable, p: ProposalRecord): Promise<void> {
  await q.query(
    `INSERT INTO proposals (id, community_id, author_id, author_name, author_building_id, author_room, author_building_name, title, body, photo_ids,
       article_convention_id, article_id, article_text, threshold, deadline, status,
       answer_kind, answer_reason, answer_merged_into_id, answer_at, answer_by_id, answer_by_name, vote_id, responsible, created_at,
       moderation_status, moderation_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)`,
    [
      p.id,
      p.communityId,
      p.authorId,
      p.authorName,
      p.authorHome.buildingId,
      p.authorHome.room,
      p.authorBuildingName,
      p.title,
      p.body,
      p.photoIds,
      p.article?.conventionId ?? null,
      p.article?.articleId ?? null,
      p.article?.proposedText ?? null,
      p.threshold,
      p.deadline,
      p.status,
      p.answer?.kind ?? null,
      p.answer?.reason ?? null,
      p.answer?.mergedIntoId ?? null,
      p.answer?.at ?? null,
      p.answer?.byId ?? null,
      p.answer?.byName ?? null,
      p.voteId ?? null,
      p.responsible ?? null,
      p.createdAt,
      ...moderationColumns(p.moderation),
    ],
  )
}

async function findProposal(q: Queryable, id: string, viewerHome?: HouseholdKey): Promise<ProposalRow | null> {
  const [row] = await q.query<CountedRow>(`SELECT ${PROPOSAL_COLUMNS}, ${COUNTS('$2', '$3')} FROM proposals p WHERE p.id = $1`, [
    id,
    viewerHome?.buildingId ?? null,
    viewerHome?.room ?? null,
  ])
  return row ? toRow(row) : null
}

/** A page newest first over (created_at, id), each proposal with its counts: one statement. */
async function listProposals(q: Queryable, f: ProposalFilter, cursor: Keyset | null, limit: number, viewerHome?: HouseholdKey): Promise<ProposalRow[]> {
  const params: unknown[] = [viewerHome?.buildingId ?? null, viewerHome?.room ?? null, f.communityId]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = ['p.community_id = $3']
  // No statuses (absent or empty): any status, as the inbox's filter.
  if (f.statuses?.length) where.push(`p.status = ANY(${param([...f.statuses])}::text[])`)
  if (f.authorId !== undefined) where.push(`p.author_id = ${param(f.authorId)}`)
  if (f.unanswered) where.push('p.answer_kind IS NULL')
  // canSeeModerated: published ones, the viewer's own, held ones for a moderator; no viewer: published only.
  if (!f.visibleTo) where.push('p.moderation_status IS NULL')
  else {
    const held = f.visibleTo.moderator ? " OR p.moderation_status = 'held'" : ''
    where.push(`(p.moderation_status IS NULL${held} OR p.author_id = ${param(f.visibleTo.id)})`)
  }
  if (cursor) where.push(`(p.created_at, p.id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)})`)
  const rows = await q.query<CountedRow>(
    `WITH page AS (
       SELECT p.* FROM proposals p WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT ${param(limit)}
     )
     SELECT ${PROPOSAL_COLUMNS}, ${COUNTS('$1', '$2')} FROM page p ORDER BY p.created_at DESC, p.id DESC`,
    params,
  )
  return rows.map(toRow)
}

/** Absent fields stay; `answer` is written whole. */
async function updateProposal(q: Queryable, id: string, patch: Partial<Pick<ProposalRecord, 'status' | 'answer' | 'voteId' | 'responsible'>>): Promise<void> {
  const params: unknown[] = [id]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const sets: string[] = []
  if (patch.status !== undefined) sets.push(`status = ${param(patch.status)}`)
  if (patch.voteId !== undefined) sets.push(`vote_id = ${param(patch.voteId)}`)
  if (patch.responsible !== undefined) sets.push(`responsible = ${param(patch.responsible)}`)
  if (patch.answer !== undefined) {
    const a = patch.answer
    sets.push(
      `answer_kind = ${param(a.kind)}`,
      `answer_reason = ${param(a.reason)}`,
      `answer_merged_into_id = ${param(a.mergedIntoId ?? null)}`,
      `answer_at = ${param(a.at)}::timestamptz`,
      `answer_by_id = ${param(a.byId)}`,
      `answer_by_name = ${param(a.byName)}`,
    )
  }
  if (sets.length === 0) return
  await q.query(`UPDATE proposals SET ${sets.join(', ')} WHERE id = $1`, params)
}

interface EntryRow {
  id: string
  proposal_id: string
  text: string
  photo_ids: string[]
  at: unknown
  by_id: string
  by_name: string
  percent?: number
}

export function toMinutes(r: EntryRow): MinutesRecord {
  return { id: r.id, proposalId: r.proposal_id, text: r.text, photoIds: [...r.photo_ids], at: iso(r.at), byId: r.by_id, byName: r.by_name }
}

export function toProgress(r: EntryRow): ProgressRecord {
  return { ...toMinutes(r), percent: Number(r.percent) }
}

export interface RatingRow {
  proposal_id: string
  building_id: string
  room: string
  user_id: string
  user_name: string
  level: RatingLevel
  comment: string
  at: unknown
}

export const RATING_COLUMNS = 'proposal_id, building_id, room, user_id, user_name, level, comment, at'
export const COSIGN_COLUMNS = 'proposal_id, building_id, room, user_id, at'

export function toRating(r: RatingRow): RatingRecord {
  return {
    proposalId: r.proposal_id,
    buildingId: r.building_id,
    room: r.room,
    userId: r.user_id,
    userName: r.user_name,
    level: r.level,
    comment: r.comment,
    at: iso(r.at),
  }
}

export function toCosign(r: { proposal_id: string; building_id: string; room: string; user_id: string; at: unknown }): CosignRecord {
  return { proposalId: r.proposal_id, buildingId: r.building_id, room: r.room, userId: r.user_id, at: iso(r.at) }
}

export function proposalRepository(q: Queryable): ProposalRepository {
  return {
    insert: (proposal) => insertProposal(q, proposal),
    find: (id, viewerHome) => findProposal(q, id, viewerHome),
    findForUpdate: async (id) => {
      const [row] = await q.query<ProposalDbRow>(`SELECT ${PROPOSAL_COLUMNS} FROM proposals p WHERE p.id = $1 FOR UPDATE`, [id])
      return row ? toProposal(row) : null
    },
    list: (filter, cursor, limit, viewerHome) => listProposals(q, filter, cursor, limit, viewerHome),
    update: (id, patch) => updateProposal(q, id, patch),
    cosign: async (c) => {
      const rows = await q.query(`INSERT INTO proposal_cosigns (${COSIGN_COLUMNS}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING room`, [
        c.proposalId,
        c.buildingId,
        c.room,
        c.userId,
        c.at,
      ])
      return rows.length === 1
    },
    countCosigns: async (proposalId) => {
      const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM proposal_cosigns WHERE proposal_id = $1', [proposalId])
      return Number(row.n)
    },
    addMinutes: async (m) => {
      await q.query('INSERT INTO proposal_minutes (id, proposal_id, text, photo_ids, at, by_id, by_name) VALUES ($1, $2, $3, $4::text[], $5, $6, $7)', [
        m.id,
        m.proposalId,
        m.text,
        m.photoIds,
        m.at,
        m.byId,
        m.byName,
      ])
    },
    listMinutes: async (proposalId) => {
      const rows = await q.query<EntryRow>(
        'SELECT id, proposal_id, text, photo_ids, at, by_id, by_name FROM proposal_minutes WHERE proposal_id = $1 ORDER BY at, id',
        [proposalId],
      )
      return rows.map(toMinutes)
    },
    addProgress: async (p) => {
      await q.query(
        'INSERT INTO proposal_progress (id, proposal_id, percent, text, photo_ids, at, by_id, by_name) VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)',
        [p.id, p.proposalId, p.percent, p.text, p.photoIds, p.at, p.byId, p.byName],
      )
    },
    listProgress: async (proposalId) => {
      const rows = await q.query<EntryRow>(
        'SELECT id, proposal_id, percent, text, photo_ids, at, by_id, by_name FROM proposal_progress WHERE proposal_id = $1 ORDER BY at, id',
        [proposalId],
      )
      return rows.map(toProgress)
    },
    rate: async (r) => {
      const rows = await q.query(`INSERT INTO proposal_ratings (${RATING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING room`, [
        r.proposalId,
        r.buildingId,
        r.room,
        r.userId,
        r.userName,
        r.level,
        r.comment,
        r.at,
      ])
      return rows.length === 1
    },
    listRatings: async (proposalId) => {
      const rows = await q.query<RatingRow>(`SELECT ${RATING_COLUMNS} FROM proposal_ratings WHERE proposal_id = $1 ORDER BY at, building_id, room`, [proposalId])
      return rows.map(toRating)
    },
  }
}
