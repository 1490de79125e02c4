import type { Id, Notice } from '../../../../types/domain'
import type { NoticeKeyset, NoticeRepository, NoticeViewer, StoredNotice } from '../../../core/ports'
import type { Actor } from '../../../domain/actor'
import { compareCodePoints as compareText } from '../../../domain/inbox'
import { canSeeModerated } from '../../../domain/moderation/rules'
import { canSeeNotice, computeReceipts, isExpired } from '../../../domain/notices'
import { compareNewestFirst } from '../../../domain/report-views'
import { copy, instant, noticeRow, pair } from '../rows'
import { mustExist, type Run, type Tables } from '../tables'

/** The memory store's NoticeRepository: notices and who read them. */

/** The viewer as `canSeeNotice` takes it: staff or not, and every building that reaches them. */
function noticeActor(v: NoticeViewer): Actor {
  return { id: v.id, name: '', roles: v.staff ? ['staff'] : [], communityId: v.communityId, gridIds: [], leadsBuildingIds: [...v.buildingIds] }
}

/** Pinned, urgent, newest, id — compareNotices' order, in code point order (as the database sorts). */
function noticeOrder(a: NoticeKeyset, b: NoticeKeyset): number {
  return Number(b.pinned) - Number(a.pinned) || Number(b.urgent) - Number(a.urgent) || compareText(b.publishedAt, a.publishedAt) || compareText(b.id, a.id)
}

export function noticeRepository(t: Tables, run: Run): NoticeRepository {
  const hasRead = (noticeId: Id, userId: Id) => t.noticeReads.has(pair(noticeId, userId))
  const withRead = (n: StoredNotice, viewerId: Id): Notice => ({ ...copy(n), read: hasRead(n.id, viewerId) })
  const visible = (v: NoticeViewer, now: string) => {
    const actor = noticeActor(v)
    const at = new Date(instant(now))
    return t.notices.rows().filter((n) => canSeeNotice(actor, n, at) && canSeeModerated({ id: v.id, moderator: v.moderator ?? false }, n))
  }
  return {
    insert: (notice) =>
      run(() => {
        mustExist(t.communities, notice.communityId)
        mustExist(t.users, notice.authorId)
        t.notices.insert(noticeRow(notice))
      }),
    find: (id, viewerId) =>
      run(() => {
        const n = t.notices.get(id)
        return n ? withRead(n, viewerId) : null
      }),
    list: (viewer, now, cursor, limit) =>
      run(() => {
        const after = cursor ? { ...cursor, publishedAt: instant(cursor.publishedAt) } : null
        return visible(viewer, now)
          .filter((n) => !after || noticeOrder(after, n) < 0)
          .sort(noticeOrder)
          .slice(0, Math.max(0, limit))
          .map((n) => withRead(n, viewer.id))
      }),
    countUnread: (viewer, now) =>
      run(() => {
        const at = new Date(instant(now))
        return visible(viewer, now).filter((n) => !n.moderation && !isExpired(n, at) && !hasRead(n.id, viewer.id)).length
      }),
    markRead: (noticeId, userId, at) =>
      run(() => {
        mustExist(t.notices, noticeId)
        mustExist(t.users, userId)
        if (!hasRead(noticeId, userId)) t.noticeReads.insert({ noticeId, userId, at: instant(at) })
      }),
    listReaders: (noticeId) =>
      run(() => new Set(t.noticeReads.rows().filter((r) => r.noticeId === noticeId).map((r) => r.userId))),
    listSent: (authorId, communityId, cursor, limit) =>
      run(() => {
        const keyed = (n: StoredNotice) => ({ createdAt: n.publishedAt, id: n.id })
        const after = cursor ? { createdAt: instant(cursor.createdAt), id: cursor.id } : null
        const sent = t.notices
          .rows()
          .filter((n) => n.authorId === authorId && n.communityId === communityId && (!after || compareNewestFirst(after, keyed(n)) < 0))
          .sort((a, b) => compareNewestFirst(keyed(a), keyed(b)))
          .slice(0, Math.max(0, limit))
        const residents = t.users
          .rows()
          .filter((u) => u.communityId === communityId && u.home)
          .map((u) => ({ id: u.id, home: { buildingId: u.home!.buildingId, room: u.home!.room } }))
        return sent.map((n) => {
          const readers = new Set(t.noticeReads.rows().filter((r) => r.noticeId === n.id).map((r) => r.userId))
          const receipts = computeReceipts(n, [], residents, readers)
          return { ...withRead(n, authorId), households: receipts.households, readHouseholds: receipts.read }
        })
      }),
  }
}
