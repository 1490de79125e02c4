import type { PageQuery } from '../../../types/api'
import type { Message, MessageThread, Page, Report, User } from '../../../types/domain'
import { displayRole, hasRole, type Actor } from '../../domain/actor'
import {
  canUseGeneralThread,
  canUseReportThread,
  generalThreadId,
  parseThreadId,
  reportThreadId,
  reportThreadTitle,
  validateMessage,
} from '../../domain/messages'
import { cleanText, compareCodePoints, textLength } from '../../domain/text'
import { hasErrors } from '../../domain/validation'
import { CONTENT_REFUSED, moderationViewer } from '../../domain/moderation/rules'
import { passEverything, type Caller, type Runtime } from '../context'
import { notFound, validationError, requireCommunity } from '../errors'
import { pageLimit, parseSeq } from '../paging'
import type { Repositories, Store, ThreadRow, ThreadSubject } from '../ports'
import { ContentScreen, holdText, type Hold } from './moderation'
import { checkMessageQuota } from '../quotas'

export const NOT_USABLE = '对话不存在或您无权查看'
export const GENERAL_THREAD_TITLE = '问社区'
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
 * may not use answers not_found, whether or not it exists.
 */
export class MessageService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    /** The content check of what others in the thread read (issue 13). */
    private readonly screen: ContentScreen = new ContentScreen(passEverything, store),
  ) {}

  /**
   * Every thread the actor is on, most recent activity first: threads with messages they may use,
   * and the threads of their own reports even before anyone wrote (dated by the report's filing).
   * General threads appear once they have a message. One query, whatever the number of threads.
   */
  async listThreads(caller: Caller): Promise<MessageThread[]> {
    const { actor } = caller
    const rows = await this.store.messages.listThreads({
      id: actor.id,
      communityId: requireCommunity(actor),
      staff: hasRole(actor, 'staff'),
      gridIds: hasRole(actor, 'grid_worker') ? actor.gridIds : [],
      home: actor.home,
    })
    const threads = rows.filter((row) => mayUse(actor, row.subject)).map((row) => threadOf(actor, row))
    // Code-point order (as the database sorts): latest activity, then id.
    return threads.sort((a, b) => compareCodePoints(b.lastMessageAt, a.lastMessageAt) || compareCodePoints(a.id, b.id))
  }

  async unreadCount(caller: Caller): Promise<number> {
    return (await this.listThreads(caller)).reduce((sum, t) => sum + t.unread, 0)
  }

  /**
   * A page of a thread in the order of posting (newest last). The first page holds the newest
   * messages; `nextCursor` leads to the ones before them (scrolling up in a chat).
   */
  async listMessages(caller: Caller, threadId: string, query: PageQuery = {}): Promise<Page<Message>> {
    const { actor } = caller
    const thread = await usableThread(this.store, actor, threadId)
    const limit = pageLimit(query)
    const rows = await this.store.messages.listBefore(thread.id, parseSeq(query.cursor), limit + 1, moderationViewer(actor))
    const page = rows.slice(0, limit).reverse()
    return { items: page.map((r) => r.message), ...(rows.length > limit ? { nextCursor: String(page[0].seq) } : {}) }
  }

  /**
   * Post on a thread. With a content check, the thread's rule (404) and the body's (422) are asked
   * first, then the check (outside the transaction: it may call WeChat); a held message is seen by
   * its author and the community's moderators only, and announces nothing until it is approved.
   */
  async send(caller: Caller, to: MessageTarget, body: string): Promise<Message> {
    const { actor } = caller
    const threadId = targetOf(actor, to)
    let hold: Hold | null = null
    if (this.screen.active) {
      await usableThread(this.store, actor, threadId)
      if (typeof body === 'string' && !hasErrors(validateMessage(body))) {
        hold = await this.screen.screen(actor, 'message', cleanText(body), { field: 'body', message: CONTENT_REFUSED })
      }
    }
    const at = this.rt.now()
    return this.store.transaction((tx) => postMessage(tx, this.rt, actor, threadId, body, at, hold))
  }

  async markRead(caller: Caller, threadId: string): Promise<void> {
    const { actor } = caller
    const thread = await usableThread(this.store, actor, threadId)
    await this.store.messages.markRead(actor.id, thread.id, this.rt.now().toISOString())
  }
}

function targetOf(actor: Actor, to: MessageTarget): unknown {
  if (to === 'general') return generalThreadId(actor.id)
  if (to && typeof to === 'object' && 'reportId' in to) return typeof to.reportId === 'string' ? reportThreadId(to.reportId) : null
  if (to && typeof to === 'object' && 'threadId' in to) return to.threadId
  throw validationError({ to: '请选择留言的对象' })
}

/**
 * Post on a thread the actor may use (not_found otherwise, before the body's rule). Posting also
 * marks the thread read for the poster: a reply answers what came before it.
 */
export async function postMessage(tx: Repositories, rt: Runtime, actor: Actor, threadId: unknown, body: string, at: Date, hold: Hold | null = null): Promise<Message> {
  const thread = await usableThread(tx, actor, threadId)
  const errors = validateMessage(typeof body === 'string' ? body : undefined)
  if (hasErrors(errors)) throw validationError(errors)
  await checkMessageQuota(tx, actor, at)
  const message: Message = {
    id: rt.newId('m'),
    threadId: thread.id,
    authorId: actor.id,
    authorName: actor.name,
    authorRole: displayRole(actor),
    body: cleanText(body),
    at: at.toISOString(),
    ...(hold ? { moderation: { status: 'held' as const } } : {}),
  }
  const seq = await tx.messages.insert({
    ...message,
    communityId: thread.communityId,
    ...(thread.kind === 'report' ? { reportId: thread.report.id } : { ownerId: thread.owner.id }),
  })
  await tx.messages.markRead(actor.id, thread.id, message.at, seq)
  if (hold) await holdText(tx, rt, { kind: 'message', subjectId: message.id, context: thread.id, communityId: thread.communityId, authorId: actor.id, hold, at: message.at })
  return message
}

/** The thread behind an id if the actor may use it; not_found for an unknown, malformed or foreign one. */
async function usableThread(repos: Repositories, actor: Actor, threadId: unknown): Promise<UsableThread> {
  const ref = typeof threadId === 'string' ? parseThreadId(threadId) : null
  if (ref?.kind === 'report') {
    const report = await repos.reports.find(ref.reportId)
    if (report && canUseReportThread(actor, report)) return { kind: 'report', id: reportThreadId(report.id), communityId: report.communityId, report }
  } else if (ref?.kind === 'general') {
    const owner = await repos.users.find(ref.ownerId)
    if (owner && owner.communityId !== null && canUseGeneralThread(actor, owner)) {
      return { kind: 'general', id: generalThreadId(owner.id), communityId: owner.communityId, owner }
    }
  }
  throw notFound(NOT_USABLE)
}

function mayUse(actor: Actor, subject: ThreadSubject): boolean {
  return subject.kind === 'report' ? canUseReportThread(actor, subject.report) : canUseGeneralThread(actor, subject.owner)
}

function threadOf(viewer: Actor, row: ThreadRow): MessageThread {
  const { subject } = row
  return {
    id: row.threadId,
    kind: subject.kind,
    ...(subject.kind === 'report' ? { reportId: subject.report.id } : {}),
    title: subject.kind === 'report' ? reportThreadTitle(subject.report) : generalTitle(viewer, subject.owner),
    lastMessageAt: row.lastMessageAt,
    lastMessagePreview: preview(row.lastMessageBody),
    unread: row.unread,
  }
}

/** "问社区" to its owner; to staff "问社区 · 王秀兰（3号楼201）" (who is asking, and where they live). */
function generalTitle(viewer: Actor, owner: Extract<ThreadSubject, { kind: 'general' }>['owner']): string {
  if (owner.id === viewer.id) return GENERAL_THREAD_TITLE
  const who = owner.home && owner.buildingName ? `${owner.name}（${owner.buildingName}${owner.home.room}）` : owner.name
  return `${GENERAL_THREAD_TITLE} · ${who}`
}

/** The start of a message for a thread list: 40 characters, on one line. */
export function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ')
  return textLength(flat) > PREVIEW_CHARS ? `${Array.from(flat).slice(0, PREVIEW_CHARS).join('')}…` : flat
}
