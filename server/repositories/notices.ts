import type { Notice } from '../../types/domain'
import type { Keyset, NoticeKeyset, NoticeRepository, NoticeViewer, SentNoticeRow } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, isoOrUndefined, moderationColumns, moderationOf } from './rows'

/** Notices, building broadcasts and who has read them, in SQL. */

export interface NoticeRow {
  id: string
  community_id: string
  scope_kind: 'community' | 'buildings'
  building_ids: string[]
  title: string
  body: string
  urgent: boolean
  pinned: boolean
  expires_at: unknown
  published_at: unknown
  author_id: string
  author_name: string
  read: boolean
  moderation_status: string | null
  moderation_reason: string | null
}

export const NOTICE_COLUMNS = `n.id, n.community_id, n.scope_kind, n.building_ids, n.title, n.body, n.urgent, n.pinned, n.expires_at, n.published_at,
  n.author_id, n.author_name, n.moderation_status, n.moderation_reason`
const READ = (viewerParam: string) => `EXISTS (SELECT 1 FROM notice_reads nr WHERE nr.notice_id = n.id AND nr.user_id = ${viewerParam}) AS read`

export function toNotice(r: NoticeRow): Notice {
  const expiresAt = isoOrUndefined(r.expires_at)
  const moderation = moderationOf(r.moderation_status, r.moderation_reason)
  return {
    id: r.id,
    communityId: r.community_id,
    scope: r.scope_kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...r.building_ids] },
    title: r.title,
    body: r.body,
    urgent: r.urgent,
    pinned: r.pinned,
    ...(expiresAt ? { expiresAt } : {}),
    publishedAt: iso(r.published_at),
    authorId: r.author_id,
    authorName: r.author_name,
    read: Boolean(r.read),
    ...(moderation ? { moderation } : {}),
  }
}

export async function insertNotice(q: Queryable, n: Omit<Notice, 'read'>): Promise<void> {
  await q.query(
    `INSERT INTO notices (id, community_id, scope_kind, building_ids, title, body, urgent, pinned, expires_at, published_at, author_id, author_name,
       moderation_status, moderation_reason)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      n.id,
      n.communityId,
      n.scope.kind,
      n.scope.kind === 'buildings' ? n.scope.buildingIds : [],
      n.title,
      n.body,
      n.urgent,
      n.pinned,
      n.expiresAt ?? null,
      n.publishedAt,
      n.authorId,
      n.authorName,
      ...moderationColumns(n.moderation),
    ],
  )
}

/** One notice, with `read` for the viewer. */
export async function findNotice(q: Queryable, id: string, viewerId: string): Promise<Notice | null> {
  const [row] = await q.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS}, ${READ('$2')} FROM notices n WHERE n.id = $1`, [id, viewerId])
  return row ? toNotice(row) : null
}

/**
 * Which notices a viewer sees: the SQL twin of the domain's `canSeeNotice` and `canSeeModerated`
 * (the service re-checks each). `liveOnly` (the unread count): live and published ones only.
 */
function visibleWhere(v: NoticeViewer, now: string, param: (value: unknown) => string, liveOnly: boolean): string[] {
  const where = [`n.community_id = ${param(v.communityId)}`]
  // Parameters are added only for the conditions used (PostgreSQL cannot type an unused one).
  const live = () => `(n.expires_at IS NULL OR n.expires_at > ${param(now)}::timestamptz)`
  const reaches = () => `(n.scope_kind = 'community' OR n.building_ids && ${param([...v.buildingIds])}::text[])`
  const mine = () => `n.author_id = ${param(v.id)}`
  if (liveOnly) {
    where.push(live(), 'n.moderation_status IS NULL')
    if (!v.staff) where.push(`(${mine()} OR ${reaches()})`)
    return where
  }
  if (!v.staff) where.push(`(${mine()} OR (${live()} AND ${reaches()}))`)
  where.push(`(n.moderation_status IS NULL${v.moderator ? " OR n.moderation_status = 'held'" : ''} OR ${mine()})`)
  return where
}

/** A page of the notices the viewer may see, in the domain's order (pinned, urgent, newest). */
export async function listNotices(q: Queryable, v: NoticeViewer, now: string, cursor: NoticeKeyset | null, limit: number): Promise<Notice[]> {
  const params: unknown[] = [v.id]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = visibleWhere(v, now, param, false)
  if (cursor) {
    where.push(
      `(n.pinned, n.urgent, n.published_at, n.id) < (${param(cursor.pinned)}::boolean, ${param(cursor.urgent)}::boolean, ${param(cursor.publishedAt)}::timestamptz, ${param(cursor.id)})`,
    )
  }
  const rows = await q.query<NoticeRow>(
    `SELECT ${NOTICE_COLUMNS}, ${READ('$1')} FROM notices n WHERE ${where.join(' AND ')}
     ORDER BY n.pinned DESC, n.urgent DESC, n.published_at DESC, n.id DESC LIMIT ${param(limit)}`,
    params,
  )
  return rows.map(toNotice)
}

/** Live notices the viewer may see and has not opened. */
export async function countUnread(q: Queryable, v: NoticeViewer, now: string): Promise<number> {
  const params: unknown[] = [v.id]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = visibleWhere(v, now, param, true)
  const [row] = await q.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM notices n
     WHERE ${where.join(' AND ')} AND NOT EXISTS (SELECT 1 FROM notice_reads nr WHERE nr.notice_id = n.id AND nr.user_id = $1)`,
    params,
  )
  return Number(row.count)
}

export async function markNoticeRead(q: Queryable, noticeId: string, userId: string, at: string): Promise<void> {
  await q.query('INSERT INTO notice_reads (notice_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [noticeId, userId, at])
}

export async function listReaders(q: Queryable, noticeId: string): Promise<Set<string>> {
  const rows = await q.query<{ user_id: string }>('SELECT user_id FROM notice_reads WHERE notice_id = $1', [noticeId])
  return new Set(rows.map((r) => r.user_id))
}

/**
 * The notices an author sent, newest first, with their read counts by household in one statement:
 * the households are `computeReceipts`' (residents of the community with a home the notice reaches,
 * one per building and room), read where any of its residents has read the notice.
 */
export async function listSentNotices(q: Queryable, authorId: string, communityId: string, cursor: Keyset | null, limit: number): Promise<SentNoticeRow[]> {
  const params: unknown[] = [authorId, communityId]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = ['n.author_id = $1', 'n.community_id = $2']
  if (cursor) where.push(`(n.published_at, n.id) < (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)})`)
  const rows = await q.query<NoticeRow & { households: number; read_households: number }>(
    `WITH sent AS (
       SELECT n.* FROM notices n WHERE ${where.join(' AND ')} ORDER BY n.published_at DESC, n.id DESC LIMIT ${param(limit)}
     ), homes AS (
       SELECT s.id AS notice_id, bool_or(nr.user_id IS NOT NULL) AS read
       FROM sent s
       JOIN users u ON u.community_id = s.community_id AND u.home_building_id IS NOT NULL AND u.home_room IS NOT NULL
         AND (s.scope_kind = 'community' OR u.home_building_id = ANY(s.building_ids))
       LEFT JOIN notice_reads nr ON nr.notice_id = s.id AND nr.user_id = u.id
       GROUP BY s.id, u.home_building_id, u.home_room
     )
     SELECT ${NOTICE_COLUMNS}, ${READ('$1')},
       (SELECT count(*)::int FROM homes h WHERE h.notice_id = n.id) AS households,
       (SELECT count(*)::int FROM homes h WHERE h.notice_id = n.id AND h.read) AS read_households
     FROM sent n ORDER BY n.published_at DESC, n.id DESC`,
    params,
  )
  return rows.map((r) => ({ ...toNotice(r), households: Number(r.households), readHouseholds: Number(r.read_households) }))
}

export function noticeRepository(q: Queryable): NoticeRepository {
  return {
    insert: (notice) => insertNotice(q, notice),
    find: (id, viewerId) => findNotice(q, id, viewerId),
    list: (viewer, now, cursor, limit) => listNotices(q, viewer, now, cursor, limit),
    countUnread: (viewer, now) => countUnread(q, viewer, now),
    markRead: (noticeId, userId, at) => markNoticeRead(q, noticeId, userId, at),
    listReaders: (noticeId) => listReaders(q, noticeId),
    listSent: (authorId, communityId, cursor, limit) => listSentNotices(q, authorId, communityId, cursor, limit),
  }
}

