import type { DisclosureCategory, DisclosurePeriod, FinanceTable } from '../../types/domain'
import type { DisclosureRecord, DisclosureRepository, DisclosureRow, Keyset } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, json } from './rows'

/** Disclosures (村务公开: 党务, 居务, 财务) and who has read them, in SQL. */

interface DisclosureDbRow {
  id: string
  community_id: string
  category: DisclosureCategory
  period_year: number
  period_month: number | null
  period_quarter: number | null
  title: string
  body: string
  photo_ids: string[]
  finance: unknown
  published_at: unknown
  author_id: string
  author_name: string
  read: boolean
}

const COLUMNS = `d.id, d.community_id, d.category, d.period_year, d.period_month, d.period_quarter, d.title, d.body, d.photo_ids, d.finance,
  d.published_at, d.author_id, d.author_name`
const READ = (viewerParam: string) => `EXISTS (SELECT 1 FROM disclosure_reads dr WHERE dr.disclosure_id = d.id AND dr.user_id = ${viewerParam}) AS read`

function toDisclosure(r: DisclosureDbRow): DisclosureRow {
  const period: DisclosurePeriod =
    r.period_month !== null ? { year: Number(r.period_year), month: Number(r.period_month) } : { year: Number(r.period_year), quarter: Number(r.period_quarter) }
  return {
    id: r.id,
    communityId: r.community_id,
    category: r.category,
    period,
    title: r.title,
    body: r.body,
    photoIds: [...r.photo_ids],
    ...(r.finance !== null ? { finance: json<FinanceTable>(r.finance) } : {}),
    publishedAt: iso(r.published_at),
    authorId: r.author_id,
    authorName: r.author_name,
    readByViewer: Boolean(r.read),
  }
}

async function insertDisclosure(q: Queryable, d: DisclosureRecord): Promise<void> {
  await q.query(
    `INSERT INTO disclosures (id, community_id, category, period_year, period_month, period_quarter, title, body, photo_ids, finance, published_at, author_id, author_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::jsonb, $11, $12, $13)`,
    [
      d.id,
      d.communityId,
      d.category,
      d.period.year,
      'month' in d.period ? d.period.month : null,
      'quarter' in d.period ? d.period.quarter : null,
      d.title,
      d.body,
      d.photoIds,
      d.finance ? JSON.stringify(d.finance) : null,
      d.publishedAt,
      d.authorId,
      d.authorName,
    ],
  )
}

/** Newest first over (published_at, id) after `cursor`, optionally of one category, with the viewer's read mark. */
async function listDisclosures(
  q: Queryable,
  f: { communityId: string; category?: DisclosureCategory },
  cursor: Keyset | null,
  limit: number,
  viewerId: string,
): Promise<DisclosureRow[]> {
  const params: unknown[] = [viewerId, f.communityId]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = ['d.community_id = $2']
  if (f.category !== undefined) where.push(`d.category = ${param(f.category)}`)
  if (cursor) where.push(`(d.published_at, d.id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)})`)
  const rows = await q.query<DisclosureDbRow>(
    `SELECT ${COLUMNS}, ${READ('$1')} FROM disclosures d WHERE ${where.join(' AND ')} ORDER BY d.published_at DESC, d.id DESC LIMIT ${param(limit)}`,
    params,
  )
  return rows.map(toDisclosure)
}

export function disclosureRepository(q: Queryable): DisclosureRepository {
  return {
    insert: (disclosure) => insertDisclosure(q, disclosure),
    find: async (id, viewerId) => {
      const [row] = await q.query<DisclosureDbRow>(`SELECT ${COLUMNS}, ${READ('$2')} FROM disclosures d WHERE d.id = $1`, [id, viewerId])
      return row ? toDisclosure(row) : null
    },
    list: (filter, cursor, limit, viewerId) => listDisclosures(q, filter, cursor, limit, viewerId),
    markRead: async (disclosureId, userId, at) => {
      await q.query('INSERT INTO disclosure_reads (disclosure_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [disclosureId, userId, at])
    },
    listReaders: async (disclosureId) => {
      const rows = await q.query<{ user_id: string }>('SELECT user_id FROM disclosure_reads WHERE disclosure_id = $1', [disclosureId])
      return new Set(rows.map((r) => r.user_id))
    },
  }
}
