import type { PageQuery } from '../../types/api'
import type { Message, MessageThread, Page, Report, User } from '../../types/domain'
import { displayRole, hasRole, type Actor } from '../../src/domain/actor'
import {
  canUseGeneralThread,
  canUseReportThread,
  generalThreadId,
  parseThreadId,
  reportThreadId,
  reportThreadTitle,
  validateMessage,
} from '../../src/domain/messages'
import { cleanText } from '../../src/domain/text'
import { hasErrors } from '../../src/domain/validation'
import type { Database, Queryable } from '../db/driver'
import { badRequest, notFound, ruleViolation } from '../errors'
import { randomId } from '../ids'
import * as repo from '../repositories/messages'
import { findReport } from '../repositories/reports'
import { findBuilding } from '../repositories/directory'
import { findUser } from '../repositories/users'

const NOT_USABLE = '对话不存在或您无权查看'
const DEFAULT_PAGE = 20
const PREVIEW_CHARS = 40

/** Where a message goes: a thread by id, a report's thread, or the caller's own general thread. */
export type MessageTarget = { threadId: string } | { reportId: string } | 'general'

/** A thread the actor may use, resolved to what it is about. */
type UsableThread =
  | { kind: 'report'; id: string; communityId: string; report: Report }
  | { kind: 'general'; id: string; communityId: string; owner: User }

/**
 * Messages (留言/回复): a thread per report between the people on it (reporter or its household,
 * filer, handlers) and one general thread per resident with the community's staff. A thread one
 * may not use answers 404, whether or not it exists.
 */
export class MessageService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /**
   * Every thread the actor is on, most recent activity first: threads with messages they may use,
   * and the threads of their own reports even before anyone wrote (dated by the report's filing).
   * General threads appear once they have a message.
   */
  async listThreads(actor: Actor): Promise<MessageThread[]> {
    const [rows, own] = await Promise.all([
      repo.listThreads(this.db, {
        id: actor.id,
        communityId: actor.communityId,
        staff: hasRole(actor, 'staff'),
        gridIds: hasRole(actor, 'grid_worker') ? actor.gridIds : [],
        home: actor.home,
      }),
      repo.listOwnReportThreads(this.db, actor),
    ])
    const active = new Set(rows.map((r) => r.threadId))
    const quiet: repo.ThreadRow[] = own
      .filter((r) => !active.has(reportThreadId(r.reportId)))
      .map((r) => ({ threadId: reportThreadId(r.reportId), reportId: r.reportId, lastMessageAt: r.createdAt, lastMessageBody: '', unread: 0 }))
    const threads: MessageThread[] = []
    for (const row of [...rows, ...quiet]) {
      const thread = await usableThread(this.db, actor, row.threadId)
      if (!thread) continue
      threads.push({
        id: thread.id,
        kind: thread.kind,
        ...(thread.kind === 'report' ? { reportId: thread.report.id } : {}),
        title: await titleOf(this.db, thread, actor),
        lastMessageAt: row.lastMessageAt,
        lastMessagePreview: preview(row.lastMessageBody),
        unread: row.unread,
      })
    }
    // Code-point order (as the database and the memory backend sort): latest activity, then id.
    return threads.sort((a, b) => compareText(b.lastMessageAt, a.lastMessageAt) || compareText(a.id, b.id))
  }

  async unreadCount(actor: Actor): Promise<number> {
    return (await this.listThreads(actor)).reduce((sum, t) => sum + t.unread, 0)
  }

  /**
   * A page of a thread in the order of posting (newest last). The first page holds the newest
   * messages; `nextCursor` leads to the ones before them (scrolling up in a chat).
   */
  async listMessages(actor: Actor, threadId: string, query: PageQuery): Promise<Page<Message>> {
    const thread = await usableThread(this.db, actor, threadId)
    if (!thread) throw notFound(NOT_USABLE)
    const limit = query.limit ?? DEFAULT_PAGE
    const before = query.cursor === undefined ? null : parseSeqCursor(query.cursor)
    const rows = await repo.listMessagesBefore(this.db, thread.id, before, limit + 1)
    const page = rows.slice(0, limit).reverse()
    return { items: page.map((r) => r.message), ...(rows.length > limit ? { nextCursor: String(page[0].seq) } : {}) }
  }

  async send(actor: Actor, to: MessageTarget, body: string): Promise<Message> {
    const threadId = to === 'general' ? generalThreadId(actor.id) : 'reportId' in to ? reportThreadId(to.reportId) : to.threadId
    return this.db.transaction((tx) => postMessage(tx, actor, threadId, body, this.now()))
  }

  async markRead(actor: Actor, threadId: string): Promise<void> {
    const thread = await usableThread(this.db, actor, threadId)
    if (!thread) throw notFound(NOT_USABLE)
    await repo.markThreadRead(this.db, actor.id, thread.id, this.now().toISOString())
  }
}

/**
 * Post on a thread the actor may use (404 otherwise, before the body's rule: 422). Posting also
 * marks the thread read for the poster: a reply answers what came before it. Shared with the seed.
 */
export async function postMessage(q: Queryable, actor: Actor, threadId: string, body: string, at: Date): Promise<Message> {
  const thread = await usableThread(q, actor, threadId)
  if (!thread) throw notFound(NOT_USABLE)
  const errors = validateMessage(body)
  if (hasErrors(errors)) throw ruleViolation(errors)
  const message: Message = {
    id: randomId('m'),
    threadId: thread.id,
    authorId: actor.id,
    authorName: actor.name,
    authorRole: displayRole(actor),
    body: cleanText(body),
    at: at.toISOString(),
  }
  const seq = await repo.insertMessage(q, {
    ...message,
    communityId: thread.communityId,
    ...(thread.kind === 'report' ? { reportId: thread.report.id } : { ownerId: thread.owner.id }),
  })
  await repo.markThreadRead(q, actor.id, thread.id, message.at, seq)
  return message
}

/** The thread behind an id if the actor may use it; null for an unknown, malformed or foreign one. */
async function usableThread(q: Queryable, actor: Actor, threadId: string): Promise<UsableThread | null> {
  const ref = parseThreadId(threadId)
  if (!ref) return null
  if (ref.kind === 'report') {
    const report = await findReport(q, ref.reportId)
    if (!report || !canUseReportThread(actor, report)) return null
    return { kind: 'report', id: reportThreadId(report.id), communityId: report.communityId, report }
  }
  const owner = await findUser(q, ref.ownerId)
  if (!owner || !canUseGeneralThread(actor, owner)) return null
  return { kind: 'general', id: generalThreadId(owner.id), communityId: owner.communityId, owner }
}

/**
 * The report's name as people know it; a general thread is "问社区" to its owner, and to staff
 * "问社区 · 王秀兰（3号楼201）" (who is asking, and where they live).
 */
async function titleOf(q: Queryable, thread: UsableThread, viewer: Actor): Promise<string> {
  if (thread.kind === 'report') return reportThreadTitle(thread.report)
  if (thread.owner.id === viewer.id) return GENERAL_THREAD_TITLE
  const home = thread.owner.home
  const building = home ? await findBuilding(q, home.buildingId) : null
  return `${GENERAL_THREAD_TITLE} · ${building ? `${thread.owner.name}（${building.name}${home!.room}）` : thread.owner.name}`
}

export const GENERAL_THREAD_TITLE = '问社区'

/** The start of a message for a thread list: 40 characters, on one line. */
function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ')
  const chars = Array.from(flat)
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : flat
}

/** Plain code-point order (not the locale's). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function parseSeqCursor(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor)) throw badRequest({ cursor: '分页参数无效，请刷新' })
  return Number(cursor)
}
