import type { ConventionArticle, ConventionKind } from '../../types/domain'
import type { AcknowledgementRecord, ConventionRecord, ConventionRepository, ConventionVersionRecord } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, isoOrUndefined, json } from './rows'

/** Conventions (社区公约 / 村规民约 / 微公约), their versions and households' 承诺遵守, in SQL. */

interface ConventionRow {
  id: string
  community_id: string
  kind: ConventionKind
  title: string
  building_ids: string[]
  created_at: unknown
  created_by_id: string
  created_by_name: string
}

interface VersionRow {
  convention_id: string
  version: number
  status: ConventionVersionRecord['status']
  articles: unknown
  change_note: string
  effective_from: unknown
  vote_id: string | null
  created_at: unknown
  created_by_name: string
}

interface AcknowledgementRow {
  convention_id: string
  version: number
  building_id: string
  room: string
  user_id: string
  user_name: string
  at: unknown
}

const COLUMNS = 'id, community_id, kind, title, building_ids, created_at, created_by_id, created_by_name'
const VERSION_COLUMNS = 'convention_id, version, status, articles, change_note, effective_from, vote_id, created_at, created_by_name'
export const ACKNOWLEDGEMENT_COLUMNS = 'convention_id, version, building_id, room, user_id, user_name, at'

function toConvention(r: ConventionRow): ConventionRecord {
  return {
    id: r.id,
    communityId: r.community_id,
    kind: r.kind,
    title: r.title,
    buildingIds: [...r.building_ids],
    createdAt: iso(r.created_at),
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
  }
}

function toVersion(r: VersionRow): ConventionVersionRecord {
  const effectiveFrom = isoOrUndefined(r.effective_from)
  return {
    conventionId: r.convention_id,
    version: Number(r.version),
    status: r.status,
    articles: json<ConventionArticle[]>(r.articles),
    changeNote: r.change_note,
    ...(effectiveFrom ? { effectiveFrom } : {}),
    ...(r.vote_id !== null ? { voteId: r.vote_id } : {}),
    createdAt: iso(r.created_at),
    createdByName: r.created_by_name,
  }
}

export function toAcknowledgement(r: AcknowledgementRow): AcknowledgementRecord {
  return {
    conventionId: r.convention_id,
    version: Number(r.version),
    buildingId: r.building_id,
    room: r.room,
    userId: r.user_id,
    userName: r.user_name,
    at: iso(r.at),
  }
}

async function findConvention(q: Queryable, id: string, forUpdate: boolean): Promise<ConventionRecord | null> {
  const [row] = await q.query<ConventionRow>(`SELECT ${COLUMNS} FROM conventions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])
  return row ? toConvention(row) : null
}

export function conventionRepository(q: Queryable): ConventionRepository {
  return {
    insert: async (c) => {
      await q.query(
        `INSERT INTO conventions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)`,
        [c.id, c.communityId, c.kind, c.title, c.buildingIds, c.createdAt, c.createdById, c.createdByName],
      )
    },
    find: (id) => findConvention(q, id, false),
    findForUpdate: (id) => findConvention(q, id, true),
    list: async (communityId) => {
      const rows = await q.query<ConventionRow>(`SELECT ${COLUMNS} FROM conventions WHERE community_id = $1 ORDER BY created_at, id`, [communityId])
      return rows.map(toConvention)
    },
    insertVersion: async (v) => {
      const rows = await q.query(
        `INSERT INTO convention_versions (${VERSION_COLUMNS}) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)
         ON CONFLICT DO NOTHING RETURNING version`,
        [v.conventionId, v.version, v.status, JSON.stringify(v.articles), v.changeNote, v.effectiveFrom ?? null, v.voteId ?? null, v.createdAt, v.createdByName],
      )
      return rows.length === 1
    },
    replaceDraft: async (conventionId, version, d) => {
      await q.query(
        `UPDATE convention_versions SET articles = $3::jsonb, change_note = $4, created_at = $5, created_by_name = $6
         WHERE convention_id = $1 AND version = $2`,
        [conventionId, version, JSON.stringify(d.articles), d.changeNote, d.createdAt, d.createdByName],
      )
    },
    updateVersion: async (conventionId, version, patch) => {
      await q.query(
        `UPDATE convention_versions SET status = COALESCE($3, status), effective_from = COALESCE($4::timestamptz, effective_from),
           vote_id = COALESCE($5, vote_id)
         WHERE convention_id = $1 AND version = $2`,
        [conventionId, version, patch.status ?? null, patch.effectiveFrom ?? null, patch.voteId ?? null],
      )
    },
    listVersions: async (conventionIds) => {
      if (conventionIds.length === 0) return []
      const rows = await q.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM convention_versions WHERE convention_id = ANY($1::text[]) ORDER BY convention_id, version`,
        [[...conventionIds]],
      )
      return rows.map(toVersion)
    },
    acknowledge: async (a) => {
      const rows = await q.query(
        `INSERT INTO convention_acknowledgements (${ACKNOWLEDGEMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING version`,
        [a.conventionId, a.version, a.buildingId, a.room, a.userId, a.userName, a.at],
      )
      return rows.length === 1
    },
    listAcknowledgements: async (keys) => {
      if (keys.length === 0) return []
      const rows = await q.query<AcknowledgementRow>(
        `SELECT ${ACKNOWLEDGEMENT_COLUMNS} FROM convention_acknowledgements
         WHERE (convention_id, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))
         ORDER BY at, building_id, room, convention_id, version`,
        [keys.map((k) => k.conventionId), keys.map((k) => k.version)],
      )
      return rows.map(toAcknowledgement)
    },
  }
}
