import type { NoticeInput, PageQuery } from '../../../types/api'
import type { Notice, NoticeReceipts, Page, SentNotice } from '../../../types/domain'
import { hasRole, type Actor } from '../../domain/actor'
import { canSeeNotice, canSeeReceipts, computeReceipts, refusePublish, validateNotice } from '../../domain/notices'
import { cleanText } from '../../domain/text'
import { hasErrors } from '../../domain/validation'
import { canModerate, canSeeModerated, CONTENT_REFUSED_TITLED, moderationViewer } from '../../domain/moderation/rules'
import { passEverything, type Caller, type Runtime } from '../context'
import { forbidden, notFound, validationError, requireCommunity } from '../errors'
import { encodeCursor } from '../../domain/report-views'
import { encodeNoticeCursor, pageLimit, parseKeyset, parseNoticeCursor } from '../paging'
import type { NoticeViewer, Repositories, Store } from '../ports'
import { ContentScreen, holdText, type Hold } from './moderation'
import { checkNoticeQuota } from '../quotas'

export const NOT_VISIBLE = '通知不存在或您无权查看'

/**
 * Notices (通知公告) and building broadcasts: staff publish to the community or any of its
 * buildings, a building leader to the buildings they lead; residents see the live notices that
 * reach their home; the author and staff see read receipts by household. A notice one may not see
 * answers not_found whether or not it exists.
 */
export class NoticeService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    /** The content check of what residents read (issue 13). */
    private readonly screen: ContentScreen = new ContentScreen(passEverything, store),
  ) {}

  /** The notices that reach me: pinned first, then urgent, then the newest (`compareNotices`). */
  async list(caller: Caller, query: PageQuery = {}): Promise<Page<Notice>> {
    const { actor } = caller
    const limit = pageLimit(query)
    const now = this.rt.now()
    const rows = await this.store.notices.list(viewerOf(actor), now.toISOString(), parseNoticeCursor(query.cursor), limit + 1)
    const items = rows.slice(0, limit)
    return {
      // The store mirrors canSeeNotice and canSeeModerated; the domain's rules have the last word.
      items: items.filter((n) => canSeeNotice(actor, n, now) && canSeeModerated(moderationViewer(actor), n)),
      ...(rows.length > limit ? { nextCursor: encodeNoticeCursor(items[items.length - 1]) } : {}),
    }
  }

  /**
   * 我发的通知: the notices I published, newest first (expired ones too), each with "已读 x / y 户" —
   * the counts of `receipts`, for the whole page in one query.
   */
  async listSent(caller: Caller, query: PageQuery = {}): Promise<Page<SentNotice>> {
    const { actor } = caller
    // Anyone may ask: who never published has sent nothing.
    const limit = pageLimit(query)
    const now = this.rt.now()
    const rows = await this.store.notices.listSent(actor.id, requireCommunity(actor), parseKeyset(query.cursor), limit + 1)
    const items = rows.slice(0, limit)
    const last = items[items.length - 1]
    return {
      // The store selects by author; the domain's rules have the last word on who sees it and its receipts.
      items: items.filter((n) => canSeeNotice(actor, n, now) && canSeeReceipts(actor, n)),
      ...(rows.length > limit ? { nextCursor: encodeCursor({ createdAt: last.publishedAt, id: last.id }) } : {}),
    }
  }

  async get(caller: Caller, id: string): Promise<Notice> {
    const { actor } = caller
    return visibleNotice(this.store, actor, id, this.rt.now())
  }

  /**
   * Publish a notice. With a content check, who may publish where (403) and the notice's rules (422)
   * are asked first, then the check (outside the transaction: it may call WeChat); a held notice is
   * seen by its author and moderators only, counted in nobody's unread notices, and published —
   * dated — when a moderator approves it.
   */
  async publish(caller: Caller, input: NoticeInput): Promise<Notice> {
    const { actor } = caller
    let hold: Hold | null = null
    if (this.screen.active) {
      const checked = await checkNotice(this.store, actor, input, this.rt.now())
      hold = await this.screen.screen(actor, 'notice', `${checked.title}\n${checked.body}`, { field: 'body', message: CONTENT_REFUSED_TITLED })
    }
    const at = this.rt.now()
    return this.store.transaction((tx) => publishNotice(tx, this.rt, actor, input, at, hold))
  }

  async markRead(caller: Caller, id: string): Promise<void> {
    const { actor } = caller
    const notice = await visibleNotice(this.store, actor, id, this.rt.now())
    await this.store.notices.markRead(notice.id, actor.id, this.rt.now().toISOString())
  }

  /** Read receipts by household, for the author and staff. */
  async receipts(caller: Caller, id: string): Promise<NoticeReceipts> {
    const { actor } = caller
    const notice = await visibleNotice(this.store, actor, id, this.rt.now())
    if (!canSeeReceipts(actor, notice)) throw forbidden('只有发布人和社区工作者可以查看阅读情况')
    const [buildings, residents, readers] = await Promise.all([
      this.store.directory.listBuildings(notice.communityId),
      this.store.users.listResidents(notice.communityId),
      this.store.notices.listReaders(notice.id),
    ])
    return computeReceipts(notice, buildings, residents, readers)
  }

  /** Live notices that reach me and that I have not opened. */
  async unreadCount(caller: Caller): Promise<number> {
    const { actor } = caller
    return this.store.notices.countUnread(viewerOf(actor), this.rt.now().toISOString())
  }
}

async function visibleNotice(repos: Repositories, actor: Actor, id: unknown, now: Date): Promise<Notice> {
  const notice = typeof id === 'string' ? await repos.notices.find(id, actor.id) : null
  if (!notice || !canSeeNotice(actor, notice, now) || !canSeeModerated(moderationViewer(actor), notice)) throw notFound(NOT_VISIBLE)
  return notice
}

/**
 * Publish a notice: who may publish where is decided before the text is looked at (403 before
 * 422). The author has read their own notice (their household counts as reached). `hold`: the
 * content check held it (issue 13): stored with its mark, in the moderation queue.
 */
export async function publishNotice(tx: Repositories, rt: Runtime, actor: Actor, input: NoticeInput, at: Date, hold: Hold | null = null): Promise<Notice> {
  const checked = await checkNotice(tx, actor, input, at)
  const notice: Notice = {
    id: rt.newId('n'),
    communityId: requireCommunity(actor),
    ...checked,
    publishedAt: at.toISOString(),
    authorId: actor.id,
    authorName: actor.name,
    read: true,
    ...(hold ? { moderation: { status: 'held' as const } } : {}),
  }
  const { read: _read, ...stored } = notice
  await tx.notices.insert(stored)
  await tx.notices.markRead(notice.id, actor.id, notice.publishedAt)
  if (hold) await holdText(tx, rt, { kind: 'notice', subjectId: notice.id, communityId: notice.communityId, authorId: actor.id, hold, at: notice.publishedAt })
  return notice
}

/** Who may publish where (403), then the notice's rules (422): the notice's own fields, cleaned. */
async function checkNotice(
  repos: Repositories,
  actor: Actor,
  input: NoticeInput,
  at: Date,
): Promise<Pick<Notice, 'scope' | 'title' | 'body' | 'urgent' | 'pinned' | 'expiresAt'>> {
  const raw: Partial<NoticeInput> = input && typeof input === 'object' ? input : {}
  const scope = raw.scope
  const wellFormedScope =
    scope?.kind === 'community' ||
    (scope?.kind === 'buildings' && Array.isArray(scope.buildingIds) && scope.buildingIds.every((id) => typeof id === 'string'))
  const buildings = await repos.directory.listBuildings(requireCommunity(actor))
  if (!hasRole(actor, 'staff') && !hasRole(actor, 'building_leader')) throw forbidden(refusePublish(actor, { kind: 'community' }, buildings)!.message)
  if (wellFormedScope) {
    const refusal = refusePublish(actor, scope!, buildings)
    if (refusal) throw forbidden(refusal.message)
  }
  // The rules see the request as sent (51 copies of one building are still too many); the notice keeps each building once.
  const errors = validateNotice(raw, at)
  if (!wellFormedScope && !errors.scope) errors.scope = '请选择发送范围'
  if (typeof raw.urgent !== 'boolean') errors.urgent = '请选择是否紧急'
  if (typeof raw.pinned !== 'boolean') errors.pinned = '请选择是否置顶'
  if (hasErrors(errors)) throw validationError(errors)
  await checkNoticeQuota(repos, actor, raw.urgent! || raw.pinned!, at)
  return {
    scope: scope!.kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...new Set(scope!.buildingIds)] },
    title: cleanText(raw.title!),
    body: cleanText(raw.body!),
    urgent: raw.urgent!,
    pinned: raw.pinned!,
    ...(raw.expiresAt !== undefined ? { expiresAt: new Date(Date.parse(raw.expiresAt)).toISOString() } : {}),
  }
}

function viewerOf(actor: Actor): NoticeViewer {
  return {
    id: actor.id,
    communityId: requireCommunity(actor),
    staff: hasRole(actor, 'staff'),
    buildingIds: [...(actor.home ? [actor.home.buildingId] : []), ...actor.leadsBuildingIds],
    moderator: canModerate(actor),
  }
}
