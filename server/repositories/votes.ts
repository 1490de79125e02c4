import type { MajorityRule, VoteOption } from '../../types/domain'
import type { BallotReceipt, VoteRecord, VoteRepository } from '../../src/core/ports'
import type { HouseholdKey } from '../../src/domain/consultation/households'
import type { Queryable } from '../db/driver'
import { randomId } from '../ids'
import { iso, isoOrUndefined, json } from './rows'

/**
 * Votes (民事民决) in SQL: the vote, its roll, the receipts of households that voted, and — apart,
 * in vote_ballots, with nothing that names a household or a time — the choices.
 */

interface VoteRow {
  id: string
  community_id: string
  title: string
  description: string
  kind: 'approval' | 'choice'
  options: unknown
  scope_kind: 'community' | 'buildings'
  building_ids: string[]
  quorum_percent: number
  majority: MajorityRule
  publicity_days: number
  proposal_id: string | null
  convention_id: string | null
  convention_version: number | null
  opens_at: unknown
  closes_at: unknown
  published_at: unknown
  publicity_ends_at: unknown
  created_at: unknown
  created_by_id: string
  created_by_name: string
}

export interface ReceiptRow {
  vote_id: string
  building_id: string
  room: string
  channel: 'phone' | 'paper'
  cast_by_id: string | null
  cast_by_name: string
  entered_by_id: string | null
  entered_by_name: string | null
  at: unknown
}

const COLUMNS = `id, community_id, title, description, kind, options, scope_kind, building_ids, quorum_percent, majority, publicity_days,
  proposal_id, convention_id, convention_version, opens_at, closes_at, published_at, publicity_ends_at, created_at, created_by_id, created_by_name`
export const RECEIPT_COLUMNS = 'vote_id, building_id, room, channel, cast_by_id, cast_by_name, entered_by_id, entered_by_name, at'

function toVote(r: VoteRow): VoteRecord {
  const publishedAt = isoOrUndefined(r.published_at)
  const publicityEndsAt = isoOrUndefined(r.publicity_ends_at)
  return {
    id: r.id,
    communityId: r.community_id,
    title: r.title,
    description: r.description,
    kind: r.kind,
    options: json<VoteOption[]>(r.options),
    scope: r.scope_kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...r.building_ids] },
    quorumPercent: Number(r.quorum_percent),
    majority: r.majority,
    publicityDays: Number(r.publicity_days),
    ...(r.proposal_id !== null ? { proposalId: r.proposal_id } : {}),
    ...(r.convention_id !== null && r.convention_version !== null ? { convention: { id: r.convention_id, version: Number(r.convention_version) } } : {}),
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    ...(publishedAt ? { publishedAt } : {}),
    ...(publicityEndsAt ? { publicityEndsAt } : {}),
    createdAt: iso(r.created_at),
    createdById: r.created_by_id,
    createdByName: r.created_by_name,
  }
}

export function toReceipt(r: ReceiptRow): BallotReceipt {
  return {
    voteId: r.vote_id,
    buildingId: r.building_id,
    room: r.room,
    channel: r.channel,
    ...(r.cast_by_id !== null ? { castById: r.cast_by_id } : {}),
    castByName: r.cast_by_name,
    ...(r.entered_by_id !== null ? { enteredById: r.entered_by_id } : {}),
    ...(r.entered_by_name !== null ? { enteredByName: r.entered_by_name } : {}),
    at: iso(r.at),
  }
}

/** The vote and its roll in one statement (atomic outside a transaction too); duplicate households once. */
async function insertVote(q: Queryable, v: VoteRecord, roll: readonly HouseholdKey[]): Promise<void> {
  await q.query(
    `WITH vote AS (
       INSERT INTO votes (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::text[], $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       RETURNING id
     )
     INSERT INTO vote_roll (vote_id, building_id, room)
     SELECT DISTINCT vote.id, h.building_id, h.room FROM vote, unnest($22::text[], $23::text[]) AS h (building_id, room)`,
    [
      v.id,
      v.communityId,
      v.title,
      v.description,
      v.kind,
      JSON.stringify(v.options),
      v.scope.kind,
      v.scope.kind === 'buildings' ? v.scope.buildingIds : [],
      v.quorumPercent,
      v.majority,
      v.publicityDays,
      v.proposalId ?? null,
      v.convention?.id ?? null,
      v.convention?.version ?? null,
      v.opensAt,
      v.closesAt,
      v.publishedAt ?? null,
      v.publicityEndsAt ?? null,
      v.createdAt,
      v.createdById,
      v.createdByName,
      roll.map((h) => h.buildingId),
      roll.map((h) => h.room),
    ],
  )
}

async function findVote(q: Queryable, id: string, forUpdate: boolean): Promise<VoteRecord | null> {
  const [row] = await q.query<VoteRow>(`SELECT ${COLUMNS} FROM votes WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])
  return row ? toVote(row) : null
}

/**
 * The receipt, and only when it went in, the ballot — one statement, so both or neither even
 * outside a transaction. A concurrent cast for the same household waits on the receipt's primary
 * key, then inserts nothing.
 */
async function cast(q: Queryable, r: BallotReceipt, optionId: string): Promise<boolean> {
  const [row] = await q.query<{ n: number }>(
    `WITH receipt AS (
       INSERT INTO vote_receipts (${RECEIPT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING RETURNING vote_id
     ), ballot AS (
       INSERT INTO vote_ballots (id, vote_id, option_id) SELECT $10, vote_id, $11 FROM receipt RETURNING 1
     )
     SELECT count(*)::int AS n FROM ballot`,
    [r.voteId, r.buildingId, r.room, r.channel, r.castById ?? null, r.castByName, r.enteredById ?? null, r.enteredByName ?? null, r.at, randomId('bal'), optionId],
  )
  return Number(row.n) === 1
}

export function voteRepository(q: Queryable): VoteRepository {
  return {
    insert: (vote, roll) => insertVote(q, vote, roll),
    find: (id) => findVote(q, id, false),
    findForUpdate: (id) => findVote(q, id, true),
    list: async (communityId, cursor, limit) => {
      const rows = cursor
        ? await q.query<VoteRow>(
            `SELECT ${COLUMNS} FROM votes WHERE community_id = $1 AND (created_at, id) < ($2::timestamptz, $3) ORDER BY created_at DESC, id DESC LIMIT $4`,
            [communityId, cursor.createdAt, cursor.id, limit],
          )
        : await q.query<VoteRow>(`SELECT ${COLUMNS} FROM votes WHERE community_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [communityId, limit])
      return rows.map(toVote)
    },
    listOpen: async (communityId, now) => {
      const rows = await q.query<VoteRow>(
        `SELECT ${COLUMNS} FROM votes WHERE community_id = $1 AND published_at IS NULL AND closes_at > $2 ORDER BY closes_at, id`,
        [communityId, now],
      )
      return rows.map(toVote)
    },
    counts: async (voteIds) => {
      if (voteIds.length === 0) return new Map()
      const rows = await q.query<{ id: string; eligible: number; voted: number }>(
        `SELECT v.id,
           (SELECT count(*)::int FROM vote_roll r WHERE r.vote_id = v.id) AS eligible,
           (SELECT count(*)::int FROM vote_receipts x WHERE x.vote_id = v.id) AS voted
         FROM votes v WHERE v.id = ANY($1::text[])`,
        [[...voteIds]],
      )
      return new Map(rows.map((r) => [r.id, { eligible: Number(r.eligible), voted: Number(r.voted) }]))
    },
    isOnRoll: async (voteId, home) => {
      const rows = await q.query('SELECT 1 FROM vote_roll WHERE vote_id = $1 AND building_id = $2 AND room = $3', [voteId, home.buildingId, home.room])
      return rows.length === 1
    },
    onRolls: async (voteIds, home) => {
      if (voteIds.length === 0) return new Set()
      const rows = await q.query<{ vote_id: string }>('SELECT vote_id FROM vote_roll WHERE vote_id = ANY($1::text[]) AND building_id = $2 AND room = $3', [
        [...voteIds],
        home.buildingId,
        home.room,
      ])
      return new Set(rows.map((r) => r.vote_id))
    },
    listRoll: async (voteId) => {
      const rows = await q.query<{ building_id: string; room: string; receipt: ReceiptRow | null } & Partial<ReceiptRow>>(
        `SELECT r.building_id, r.room, x.vote_id, x.channel, x.cast_by_id, x.cast_by_name, x.entered_by_id, x.entered_by_name, x.at
         FROM vote_roll r LEFT JOIN vote_receipts x ON x.vote_id = r.vote_id AND x.building_id = r.building_id AND x.room = r.room
         WHERE r.vote_id = $1 ORDER BY r.building_id, r.room`,
        [voteId],
      )
      return rows.map((r) => ({
        buildingId: r.building_id,
        room: r.room,
        ...(r.vote_id ? { receipt: toReceipt(r as ReceiptRow) } : {}),
      }))
    },
    cast: (receipt, optionId) => cast(q, receipt, optionId),
    findReceipt: async (voteId, home) => {
      const [row] = await q.query<ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM vote_receipts WHERE vote_id = $1 AND building_id = $2 AND room = $3`, [
        voteId,
        home.buildingId,
        home.room,
      ])
      return row ? toReceipt(row) : null
    },
    findReceipts: async (voteIds, home) => {
      if (voteIds.length === 0) return new Map()
      const rows = await q.query<ReceiptRow>(
        `SELECT ${RECEIPT_COLUMNS} FROM vote_receipts WHERE vote_id = ANY($1::text[]) AND building_id = $2 AND room = $3`,
        [[...voteIds], home.buildingId, home.room],
      )
      return new Map(rows.map((r) => [r.vote_id, toReceipt(r)]))
    },
    tally: async (voteId) => {
      const rows = await q.query<{ option_id: string | null; n: number; paper: number }>(
        `SELECT b.option_id, count(*)::int AS n, 0 AS paper FROM vote_ballots b WHERE b.vote_id = $1 GROUP BY b.option_id
         UNION ALL
         SELECT NULL, 0, count(*)::int FROM vote_receipts x WHERE x.vote_id = $1 AND x.channel = 'paper'`,
        [voteId],
      )
      const counts = new Map<string, number>()
      let paper = 0
      for (const r of rows) {
        if (r.option_id === null) paper = Number(r.paper)
        else counts.set(r.option_id, Number(r.n))
      }
      return { counts, paper }
    },
    tallies: async (voteIds) => {
      if (voteIds.length === 0) return new Map()
      // A row per vote with its paper receipts (option_id NULL), then one per vote and chosen option.
      const rows = await q.query<{ vote_id: string; option_id: string | null; n: number }>(
        `SELECT v.id AS vote_id, NULL::text AS option_id,
           (SELECT count(*)::int FROM vote_receipts x WHERE x.vote_id = v.id AND x.channel = 'paper') AS n
         FROM votes v WHERE v.id = ANY($1::text[])
         UNION ALL
         SELECT b.vote_id, b.option_id, count(*)::int FROM vote_ballots b WHERE b.vote_id = ANY($1::text[]) GROUP BY b.vote_id, b.option_id`,
        [[...voteIds]],
      )
      const tallies = new Map<string, { counts: Map<string, number>; paper: number }>()
      for (const r of rows) if (r.option_id === null) tallies.set(r.vote_id, { counts: new Map(), paper: Number(r.n) })
      for (const r of rows) if (r.option_id !== null) tallies.get(r.vote_id)?.counts.set(r.option_id, Number(r.n))
      return tallies
    },
    subjects: async (voteIds) => {
      if (voteIds.length === 0) return new Map()
      const rows = await q.query<{ id: string; proposal_title: string | null; convention_title: string | null }>(
        `SELECT v.id, p.title AS proposal_title, c.title AS convention_title
         FROM votes v LEFT JOIN proposals p ON p.id = v.proposal_id LEFT JOIN conventions c ON c.id = v.convention_id
         WHERE v.id = ANY($1::text[]) AND (v.proposal_id IS NOT NULL OR v.convention_id IS NOT NULL)`,
        [[...voteIds]],
      )
      return new Map(
        rows.map((r) => [
          r.id,
          { ...(r.proposal_title !== null ? { proposalTitle: r.proposal_title } : {}), ...(r.convention_title !== null ? { conventionTitle: r.convention_title } : {}) },
        ]),
      )
    },
    markPublished: async (id, at, publicityEndsAt) => {
      await q.query('UPDATE votes SET published_at = $2, publicity_ends_at = $3 WHERE id = $1', [id, at, publicityEndsAt])
    },
  }
}
