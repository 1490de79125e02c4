import type { NoticeInput, PageQuery } from '../../types/api'
import type { Notice, NoticeReceipts, Page } from '../../types/domain'
import { hasRole, type Actor } from '../../src/domain/actor'
import { canSeeNotice, canSeeReceipts, computeReceipts, refusePublish, validateNotice } from '../../src/domain/notices'
import { cleanText } from '../../src/domain/text'
import { hasErrors } from '../../src/domain/validation'
import type { Database, Queryable } from '../db/driver'
import { badRequest, forbidden, notFound, ruleViolation } from '../errors'
import { randomId } from '../ids'
import * as directory from '../repositories/directory'
import * as repo from '../repositories/notices'
import { listResidents } from '../repositories/users'

const NOT_VISIBLE = '通知不存在或您无权查看'
const DEFAULT_PAGE = 20

/**
 * Notices (通知公告) and building broadcasts: staff publish to the community or any of its
 * buildings, a building leader to the buildings they lead; residents see the live notices that
 * reach their home; the author and staff see read receipts by household. A notice one may not see
 * answers 404 whether or not it exists.
 */
export class NoticeService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async list(actor: Actor, query: PageQuery): Promise<Page<Notice>> {
    const limit = query.limit ?? DEFAULT_PAGE
    const cursor = query.cursor === undefined ? null : parseCursor(query.cursor)
    const now = this.now()
    const rows = await repo.listNotices(this.db, viewerOf(actor), now.toISOString(), cursor, limit + 1)
    const items = rows.slice(0, limit)
    const last = items[items.length - 1]
    return {
      // The SQL mirrors canSeeNotice; the domain's rule has the last word.
      items: items.filter((n) => canSeeNotice(actor, n, now)),
      ...(rows.length > limit ? { nextCursor: encodeCursor(last) } : {}),
    }
  }

  async get(actor: Actor, id: string): Promise<Notice> {
    return this.visible(this.db, actor, id)
  }

  async publish(actor: Actor, input: NoticeInput): Promise<Notice> {
    return this.db.transaction((tx) => publishNotice(tx, actor, input, this.now()))
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    const notice = await this.visible(this.db, actor, id)
    await repo.markNoticeRead(this.db, notice.id, actor.id, this.now().toISOString())
  }

  async receipts(actor: Actor, id: string): Promise<NoticeReceipts> {
    const notice = await this.visible(this.db, actor, id)
    if (!canSeeReceipts(actor, notice)) throw forbidden('只有发布人和社区工作者可以查看阅读情况')
    const [buildings, residents, readers] = await Promise.all([
      directory.listBuildings(this.db, notice.communityId),
      listResidents(this.db, notice.communityId),
      repo.listReaders(this.db, notice.id),
    ])
    return computeReceipts(notice, buildings, residents, readers)
  }

  async unreadCount(actor: Actor): Promise<number> {
    return repo.countUnread(this.db, viewerOf(actor), this.now().toISOString())
  }

  private async visible(q: Queryable, actor: Actor, id: string): Promise<Notice> {
    const notice = await repo.findNotice(q, id, actor.id)
    if (!notice || !canSeeNotice(actor, notice, this.now())) throw notFound(NOT_VISIBLE)
    return notice
  }
}

/**
 * Publish a notice: who may publish where is decided before the text is looked at (403 before 422).
 * The author has read their own notice. Shared with the seed.
 */
export async function publishNotice(q: Queryable, actor: Actor, input: NoticeInput, at: Date): Promise<Notice> {
  const scope: Notice['scope'] = input.scope.kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...new Set(input.scope.buildingIds)] }
  const refusal = refusePublish(actor, scope, await directory.listBuildings(q, actor.communityId))
  if (refusal) throw forbidden(refusal.message)
  // The rules see the request as sent (51 copies of one building are still too many); the notice keeps each building once.
  const errors = validateNotice(input, at)
  if (hasErrors(errors)) throw ruleViolation(errors)
  const notice: Notice = {
    id: randomId('n'),
    communityId: actor.communityId,
    scope,
    title: cleanText(input.title),
    body: cleanText(input.body),
    urgent: input.urgent,
    pinned: input.pinned,
    ...(input.expiresAt !== undefined ? { expiresAt: new Date(Date.parse(input.expiresAt)).toISOString() } : {}),
    publishedAt: at.toISOString(),
    authorId: actor.id,
    authorName: actor.name,
    read: true,
  }
  const { read: _read, ...stored } = notice
  await repo.insertNotice(q, stored)
  await repo.markNoticeRead(q, notice.id, actor.id, notice.publishedAt)
  return notice
}

/** Mark a notice read (the seed's path; requests go through the service's visibility check). */
export async function markNoticeRead(q: Queryable, noticeId: string, userId: string, at: Date): Promise<void> {
  await repo.markNoticeRead(q, noticeId, userId, at.toISOString())
}

function viewerOf(actor: Actor): repo.NoticeViewer {
  return {
    id: actor.id,
    communityId: actor.communityId,
    staff: hasRole(actor, 'staff'),
    buildingIds: [...(actor.home ? [actor.home.buildingId] : []), ...actor.leadsBuildingIds],
  }
}

/** Opaque to clients: `<pinned><urgent>|<publishedAt>|<id>`. */
function encodeCursor(n: Notice): string {
  return `${Number(n.pinned)}${Number(n.urgent)}|${n.publishedAt}|${n.id}`
}

function parseCursor(cursor: string): repo.NoticeKeyset {
  const match = /^([01])([01])\|([^|]{1,40})\|([^|]{1,64})$/.exec(cursor)
  const time = match ? Date.parse(match[3]) : NaN
  const year = new Date(time).getUTCFullYear()
  if (!match || !Number.isFinite(time) || year < 1970 || year > 9999) throw badRequest({ cursor: '分页参数无效，请刷新' })
  return { pinned: match[1] === '1', urgent: match[2] === '1', publishedAt: new Date(time).toISOString(), id: match[4] }
}
