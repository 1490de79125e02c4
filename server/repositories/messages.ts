import type { Message, Role } from '../../types/domain'
import type { Queryable } from '../db/driver'
import { iso } from './rows'

/** Messages and how far each reader has read, in SQL. `seq` orders a thread and marks reads. */

interface MessageRow {
  id: string
  seq: number | string
  thread_id: string
  author_id: string
  author_name: string
  author_role: Role
  body: string
  at: unknown
}

const COLUMNS = 'id, seq, thread_id, author_id, author_name, author_role, body, at'

/** bigint: a number from PGlite, a string from pg. */
const seqOf = (value: number | string): number => Number(value)

function toMessage(r: MessageRow): Message {
  return { id: r.id, threadId: r.thread_id, authorId: r.author_id, authorName: r.author_name, authorRole: r.author_role, body: r.body, at: iso(r.at) }
}

export interface NewMessage extends Message {
  communityId: string
  /** The report of a report thread, or the owner of a general thread (exactly one). */
  reportId?: string
  ownerId?: string
}

/** Insert a message; answers its place in the thread (seq). */
export async function insertMessage(q: Queryable, m: NewMessage): Promise<number> {
  const [row] = await q.query<{ seq: number | string }>(
    `INSERT INTO messages (id, thread_id, community_id, report_id, owner_id, author_id, author_name, author_role, body, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq`,
    [m.id, m.threadId, m.communityId, m.reportId ?? null, m.ownerId ?? null, m.authorId, m.authorName, m.authorRole, m.body, m.at],
  )
  return seqOf(row.seq)
}

/**
 * A page of a thread, newest first, before `beforeSeq` (all when null); each with its seq (the
 * cursor). The service turns each page back into the order of posting.
 */
export async function listMessagesBefore(q: Queryable, threadId: string, beforeSeq: number | null, limit: number): Promise<Array<{ message: Message; seq: number }>> {
  const rows = await q.query<MessageRow>(
    `SELECT ${COLUMNS} FROM messages WHERE thread_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint) ORDER BY seq DESC LIMIT $3`,
    [threadId, beforeSeq, limit],
  )
  return rows.map((r) => ({ message: toMessage(r), seq: seqOf(r.seq) }))
}

/** Remember that `userId` has seen the thread up to its latest message (or `upToSeq`). */
export async function markThreadRead(q: Queryable, userId: string, threadId: string, at: string, upToSeq?: number): Promise<void> {
  await q.query(
    `INSERT INTO thread_reads (user_id, thread_id, last_seq, read_at)
     VALUES ($1, $2, COALESCE($4::bigint, (SELECT max(seq) FROM messages WHERE thread_id = $2), 0), $3)
     ON CONFLICT (user_id, thread_id) DO UPDATE SET last_seq = GREATEST(thread_reads.last_seq, EXCLUDED.last_seq), read_at = EXCLUDED.read_at`,
    [userId, threadId, at, upToSeq ?? null],
  )
}

export interface ThreadRow {
  threadId: string
  reportId?: string
  ownerId?: string
  lastMessageAt: string
  lastMessageBody: string
  /** Messages of others after the viewer's last read. */
  unread: number
}

/**
 * The reports whose threads a person follows even before anyone wrote on them: those they reported,
 * filed (代报), or that were filed for their household.
 */
export async function listOwnReportThreads(
  q: Queryable,
  viewer: { id: string; communityId: string; home?: { buildingId: string; room: string } },
): Promise<Array<{ reportId: string; createdAt: string }>> {
  const params: unknown[] = [viewer.communityId, viewer.id]
  let household = ''
  if (viewer.home) {
    params.push(viewer.home.buildingId, viewer.home.room)
    household = ' OR (beneficiary_building_id = $3 AND beneficiary_room = $4)'
  }
  const rows = await q.query<{ id: string; created_at: unknown }>(
    `SELECT id, created_at FROM reports WHERE community_id = $1 AND (reporter_id = $2 OR filed_by_id = $2${household})`,
    params,
  )
  return rows.map((r) => ({ reportId: r.id, createdAt: iso(r.created_at) }))
}

/**
 * The threads of a community that may concern the viewer, newest activity first, with the viewer's
 * unread counts. `scope` narrows in SQL (the service checks each thread with the domain's rules):
 * staff see every thread of the community; anyone else their own general thread and the threads of
 * reports they reported, filed, live in the household of, or handle as a grid worker.
 */
export async function listThreads(
  q: Queryable,
  viewer: { id: string; communityId: string; staff: boolean; gridIds: readonly string[]; home?: { buildingId: string; room: string } },
): Promise<ThreadRow[]> {
  const params: unknown[] = [viewer.communityId, viewer.id]
  const param = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  let scope = 'TRUE'
  if (!viewer.staff) {
    const reports = ['r.reporter_id = $2', 'r.filed_by_id = $2']
    if (viewer.gridIds.length) reports.push(`r.grid_id = ANY(${param([...viewer.gridIds])}::text[])`)
    if (viewer.home) reports.push(`(r.beneficiary_building_id = ${param(viewer.home.buildingId)} AND r.beneficiary_room = ${param(viewer.home.room)})`)
    scope = `(m.owner_id = $2 OR m.report_id IN (SELECT r.id FROM reports r WHERE r.community_id = $1 AND (${reports.join(' OR ')})))`
  }
  const rows = await q.query<{
    thread_id: string
    report_id: string | null
    owner_id: string | null
    last_at: unknown
    last_body: string
    last_seq: number | string
    unread: number
  }>(
    `WITH t AS (
       SELECT m.thread_id, max(m.seq) AS last_seq, min(m.report_id) AS report_id, min(m.owner_id) AS owner_id
       FROM messages m WHERE m.community_id = $1 AND ${scope}
       GROUP BY m.thread_id
     )
     SELECT t.thread_id, t.report_id, t.owner_id, last.at AS last_at, last.body AS last_body, t.last_seq,
       (SELECT count(*)::int FROM messages u
         WHERE u.thread_id = t.thread_id AND u.author_id <> $2 AND u.seq > COALESCE(tr.last_seq, 0)) AS unread
     FROM t
     JOIN messages last ON last.seq = t.last_seq
     LEFT JOIN thread_reads tr ON tr.user_id = $2 AND tr.thread_id = t.thread_id
     ORDER BY last.at DESC, t.last_seq DESC`,
    params,
  )
  return rows.map((r) => ({
    threadId: r.thread_id,
    ...(r.report_id ? { reportId: r.report_id } : {}),
    ...(r.owner_id ? { ownerId: r.owner_id } : {}),
    lastMessageAt: iso(r.last_at),
    lastMessageBody: r.last_body,
    unread: Number(r.unread),
  }))
}
