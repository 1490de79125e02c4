import type { Message, ReportStatus, Role } from '../../types/domain'
import type { MessageRepository, ModerationViewer, NewMessage, ThreadRow, ThreadSubject, ThreadViewer } from '../../src/core/ports'
import { householdReporterId } from '../../src/core/services/reports'
import type { Queryable } from '../db/driver'
import { iso, moderationColumns, moderationOf } from './rows'

/** Messages and how far each reader has read, in SQL. `seq` orders a thread and marks reads. */

export interface MessageRow {
  id: string
  seq: number | string
  thread_id: string
  author_id: string
  author_name: string
  author_role: Role
  body: string
  at: unknown
  moderation_status: string | null
  moderation_reason: string | null
}

export const MESSAGE_COLUMNS = 'id, seq, thread_id, author_id, author_name, author_role, body, at, moderation_status, moderation_reason'

/** bigint: a number from PGlite, a string from pg. */
const seqOf = (value: number | string): number => Number(value)

export function toMessage(r: MessageRow): Message {
  const moderation = moderationOf(r.moderation_status, r.moderation_reason)
  return {
    id: r.id,
    threadId: r.thread_id,
    authorId: r.author_id,
    authorName: r.author_name,
    authorRole: r.author_role,
    body: r.body,
    at: iso(r.at),
    ...(moderation ? { moderation } : {}),
  }
}

/** Insert a message; answers its place in the thread (seq). */
export async function insertMessage(q: Queryable, m: NewMessage): Promise<number> {
  const [row] = await q.query<{ seq: number | string }>(
    `INSERT INTO messages (id, thread_id, community_id, report_id, owner_id, author_id, author_name, author_role, body, at, moderation_status, moderation_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq`,
    [m.id, m.threadId, m.communityId, m.reportId ?? null, m.ownerId ?? null, m.authorId, m.authorName, m.authorRole, m.body, m.at, ...moderationColumns(m.moderation)],
  )
  return seqOf(row.seq)
}

/**
 * A page of a thread, newest first, before `beforeSeq` (all when null); each with its seq (the
 * cursor): the messages the viewer may see (`canSeeModerated`). The service turns each page back
 * into the order of posting.
 */
export async function listMessagesBefore(
  q: Queryable,
  threadId: string,
  beforeSeq: number | null,
  limit: number,
  viewer: ModerationViewer = { id: '', moderator: false },
): Promise<Array<{ message: Message; seq: number }>> {
  const rows = await q.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages
     WHERE thread_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
       AND (moderation_status IS NULL OR author_id = $4 OR ($5::boolean AND moderation_status = 'held'))
     ORDER BY seq DESC LIMIT $3`,
    [threadId, beforeSeq, limit, viewer.id, viewer.moderator],
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

/** The report columns a thread's subject needs (the rule `canUseReportThread` and the title). */
const SUBJECT_COLUMNS = `r.id AS r_id, r.community_id AS r_community_id, r.grid_id AS r_grid_id, r.reporter_id AS r_reporter_id,
  r.status AS r_status, r.filed_by_id AS r_filed_by_id, r.filed_by_name AS r_filed_by_name,
  r.beneficiary_building_id AS r_beneficiary_building_id, r.beneficiary_room AS r_beneficiary_room,
  r.number AS r_number, r.category_name AS r_category_name, r.created_at AS r_created_at`

interface SubjectRow {
  r_id: string | null
  r_community_id: string
  r_grid_id: string
  r_reporter_id: string | null
  r_status: ReportStatus
  r_filed_by_id: string | null
  r_filed_by_name: string | null
  r_beneficiary_building_id: string | null
  r_beneficiary_room: string | null
  r_number: string
  r_category_name: string
  r_created_at: unknown
}

function reportSubject(r: SubjectRow): ThreadSubject & { kind: 'report' } {
  return {
    kind: 'report',
    report: {
      id: r.r_id!,
      communityId: r.r_community_id,
      gridId: r.r_grid_id,
      reporterId: r.r_reporter_id ?? householdReporterId(r.r_beneficiary_building_id ?? '', r.r_beneficiary_room ?? ''),
      status: r.r_status,
      ...(r.r_filed_by_id ? { filedBy: { id: r.r_filed_by_id, name: r.r_filed_by_name ?? '' } } : {}),
      ...(r.r_beneficiary_building_id ? { beneficiary: { buildingId: r.r_beneficiary_building_id, room: r.r_beneficiary_room ?? '' } } : {}),
      number: r.r_number,
      categoryName: r.r_category_name,
      createdAt: iso(r.r_created_at),
    },
  }
}

/**
 * Every thread that may concern the viewer, with subjects and unread counts, in two statements:
 * the threads with messages in the viewer's scope (joined to their report or owner), and the
 * viewer's own reports (whose threads show even before anyone wrote). `scope` narrows in SQL;
 * the service checks each thread with the domain's rules.
 */
export async function listThreads(q: Queryable, viewer: ThreadViewer): Promise<ThreadRow[]> {
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
  const active = await q.query<
    SubjectRow & {
      thread_id: string
      owner_id: string | null
      last_at: unknown
      last_body: string
      unread: number
      o_name: string | null
      o_community_id: string | null
      o_home_building_id: string | null
      o_home_room: string | null
      o_building_name: string | null
    }
  >(
    `WITH t AS (
       SELECT m.thread_id, max(m.seq) AS last_seq, min(m.report_id) AS report_id, min(m.owner_id) AS owner_id
       FROM messages m WHERE m.community_id = $1 AND ${scope} AND (m.moderation_status IS NULL OR m.author_id = $2)
       GROUP BY m.thread_id
     )
     SELECT t.thread_id, t.owner_id, last.at AS last_at, last.body AS last_body,
       (SELECT count(*)::int FROM messages u
         WHERE u.thread_id = t.thread_id AND u.author_id <> $2 AND u.moderation_status IS NULL AND u.seq > COALESCE(tr.last_seq, 0)) AS unread,
       ${SUBJECT_COLUMNS},
       o.name AS o_name, o.community_id AS o_community_id, o.home_building_id AS o_home_building_id, o.home_room AS o_home_room,
       ob.name AS o_building_name
     FROM t
     JOIN messages last ON last.seq = t.last_seq
     LEFT JOIN thread_reads tr ON tr.user_id = $2 AND tr.thread_id = t.thread_id
     LEFT JOIN reports r ON r.id = t.report_id
     LEFT JOIN users o ON o.id = t.owner_id
     LEFT JOIN buildings ob ON ob.id = o.home_building_id
     ORDER BY last.at DESC, t.last_seq DESC`,
    params,
  )
  const rows: ThreadRow[] = []
  for (const r of active) {
    let subject: ThreadSubject | null = null
    if (r.r_id) subject = reportSubject(r)
    else if (r.owner_id && r.o_community_id) {
      subject = {
        kind: 'general',
        owner: {
          id: r.owner_id,
          name: r.o_name ?? '',
          communityId: r.o_community_id,
          ...(r.o_home_building_id ? { home: { buildingId: r.o_home_building_id, room: r.o_home_room ?? '' } } : {}),
          ...(r.o_building_name ? { buildingName: r.o_building_name } : {}),
        },
      }
    }
    if (subject) rows.push({ threadId: r.thread_id, subject, lastMessageAt: iso(r.last_at), lastMessageBody: r.last_body, unread: Number(r.unread) })
  }

  // My own reports' threads, even before anyone wrote on them.
  const ownParams: unknown[] = [viewer.communityId, viewer.id]
  let household = ''
  if (viewer.home) {
    ownParams.push(viewer.home.buildingId, viewer.home.room)
    household = ' OR (r.beneficiary_building_id = $3 AND r.beneficiary_room = $4)'
  }
  const own = await q.query<SubjectRow>(
    `SELECT ${SUBJECT_COLUMNS} FROM reports r WHERE r.community_id = $1 AND (r.reporter_id = $2 OR r.filed_by_id = $2${household})`,
    ownParams,
  )
  const seen = new Set(rows.map((r) => r.threadId))
  for (const r of own) {
    const threadId = `report:${r.r_id}`
    if (seen.has(threadId)) continue
    const subject = reportSubject(r)
    rows.push({ threadId, subject, lastMessageAt: subject.report.createdAt, lastMessageBody: '', unread: 0 })
  }
  return rows
}

export function messageRepository(q: Queryable): MessageRepository {
  return {
    insert: (message: NewMessage) => insertMessage(q, message),
    listBefore: (threadId, beforeSeq, limit, viewer) => listMessagesBefore(q, threadId, beforeSeq, limit, viewer),
    markRead: (userId, threadId, at, upToSeq) => markThreadRead(q, userId, threadId, at, upToSeq),
    listThreads: (viewer) => listThreads(q, viewer),
  }
}
