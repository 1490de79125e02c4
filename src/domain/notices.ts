import type { NoticeInput } from '../../types/api'
import type { Building, Notice, NoticeReceipts } from '../../types/domain'
import { hasRole, type Actor } from './actor'
import type { Refusal } from './permissions'
import { INSTANT_MESSAGES, instantProblem } from './instants'
import { cleanText, compareCodePoints, textLength } from './text'
import type { FieldErrors } from './validation'

/**
 * Notices (通知公告) and building broadcasts: who may publish where, who sees what, and read
 * receipts counted by household — a leader needs to know which doors to knock on.
 */

export const NOTICE_LIMITS = { titleMin: 2, titleMax: 50, bodyMin: 2, bodyMax: 2000, buildingsMax: 50 } as const

export function validateNotice(input: Partial<NoticeInput>, now: Date): FieldErrors {
  const errors: FieldErrors = {}
  const title = textLength(cleanText(input.title ?? ''))
  const body = textLength(cleanText(input.body ?? ''))
  if (title < NOTICE_LIMITS.titleMin) errors.title = `请填写标题（至少${NOTICE_LIMITS.titleMin}个字）`
  else if (title > NOTICE_LIMITS.titleMax) errors.title = `标题不能超过${NOTICE_LIMITS.titleMax}个字`
  if (body < NOTICE_LIMITS.bodyMin) errors.body = '请填写通知内容'
  else if (body > NOTICE_LIMITS.bodyMax) errors.body = `内容不能超过${NOTICE_LIMITS.bodyMax}个字`
  const scope = input.scope
  if (!scope || (scope.kind !== 'community' && scope.kind !== 'buildings')) errors.scope = '请选择发送范围'
  else if (scope.kind === 'buildings' && (!Array.isArray(scope.buildingIds) || scope.buildingIds.length === 0)) {
    errors.scope = '请至少选择一栋楼'
  } else if (scope.kind === 'buildings' && scope.buildingIds.length > NOTICE_LIMITS.buildingsMax) errors.scope = '选择的楼栋太多'
  if (input.expiresAt !== undefined) {
    const problem = instantProblem(input.expiresAt)
    if (problem === 'format') errors.expiresAt = '截止时间格式不正确'
    else if (problem === 'range') errors.expiresAt = INSTANT_MESSAGES.range
    else if (Date.parse(input.expiresAt) <= now.getTime()) errors.expiresAt = '截止时间必须晚于现在'
  }
  return errors
}

/**
 * May the actor publish to this scope? Staff: the whole community or any of its buildings. A
 * building leader: only buildings they lead, never the whole community.
 */
export function refusePublish(actor: Actor, scope: Notice['scope'], communityBuildings: readonly Building[]): Refusal | null {
  const inCommunity = (id: string) => communityBuildings.some((b) => b.id === id && b.communityId === actor.communityId)
  if (hasRole(actor, 'staff')) {
    if (scope.kind === 'buildings' && !scope.buildingIds.every(inCommunity)) return { code: 'forbidden', message: '只能向本社区的楼栋发布' }
    return null
  }
  if (hasRole(actor, 'building_leader')) {
    if (scope.kind === 'community') return { code: 'forbidden', message: '楼栋长只能向自己负责的楼栋发布通知' }
    if (!scope.buildingIds.every((id) => actor.leadsBuildingIds.includes(id) && inCommunity(id))) {
      return { code: 'forbidden', message: '只能向您负责的楼栋发布通知' }
    }
    return null
  }
  return { code: 'forbidden', message: '只有社区工作者和楼栋长可以发布通知' }
}

export function isExpired(notice: Pick<Notice, 'expiresAt'>, now: Date): boolean {
  return notice.expiresAt !== undefined && Date.parse(notice.expiresAt) <= now.getTime()
}

/** Staff and the author see every notice of theirs; others see live notices that reach their home. */
export function canSeeNotice(viewer: Actor, notice: Pick<Notice, 'communityId' | 'scope' | 'authorId' | 'expiresAt'>, now: Date): boolean {
  if (viewer.communityId !== notice.communityId) return false
  if (viewer.id === notice.authorId || hasRole(viewer, 'staff')) return true
  if (isExpired(notice, now)) return false
  if (notice.scope.kind === 'community') return true
  const scoped = notice.scope.buildingIds
  return Boolean(viewer.home && scoped.includes(viewer.home.buildingId)) || viewer.leadsBuildingIds.some((b) => scoped.includes(b))
}

/** Read receipts are for the sender (and staff), not for the neighbours. */
export function canSeeReceipts(viewer: Actor, notice: Pick<Notice, 'communityId' | 'authorId'>): boolean {
  return viewer.communityId === notice.communityId && (viewer.id === notice.authorId || hasRole(viewer, 'staff'))
}

export interface Household {
  buildingId: string
  room: string
}

export interface Resident {
  id: string
  home?: Household
}

/**
 * Receipts by household: the homes in scope are the homes of residents registered there; a
 * household has read the notice when anyone living there opened it.
 */
export function computeReceipts(
  notice: Pick<Notice, 'id' | 'scope'>,
  buildings: readonly Building[],
  residents: readonly Resident[],
  readerIds: ReadonlySet<string>,
): NoticeReceipts {
  const inScope = (h: Household) => notice.scope.kind === 'community' || notice.scope.buildingIds.includes(h.buildingId)
  const homes = new Map<string, { household: Household; read: boolean }>()
  for (const r of residents) {
    if (!r.home || !inScope(r.home)) continue
    const key = `${r.home.buildingId}|${r.home.room}`
    const entry = homes.get(key) ?? { household: r.home, read: false }
    entry.read = entry.read || readerIds.has(r.id)
    homes.set(key, entry)
  }
  const name = (id: string) => buildings.find((b) => b.id === id)?.name ?? id
  const unread = [...homes.values()]
    .filter((h) => !h.read)
    .map(({ household }) => ({ buildingId: household.buildingId, buildingName: name(household.buildingId), room: household.room }))
    .sort((a, b) => a.buildingName.localeCompare(b.buildingName, 'zh') || a.room.localeCompare(b.room))
  return { noticeId: notice.id, households: homes.size, read: homes.size - unread.length, unreadHouseholds: unread }
}

/** 我发的通知: newest first, ties by id (code points, as the database sorts). */
export function compareSentNotices(a: Pick<Notice, 'publishedAt' | 'id'>, b: typeof a): number {
  return compareCodePoints(b.publishedAt, a.publishedAt) || compareCodePoints(b.id, a.id)
}

/** Pinned first, then urgent, then newest. */
export function compareNotices(a: Pick<Notice, 'pinned' | 'urgent' | 'publishedAt' | 'id'>, b: typeof a): number {
  return Number(b.pinned) - Number(a.pinned) || Number(b.urgent) - Number(a.urgent) || compareCodePoints(b.publishedAt, a.publishedAt) || compareCodePoints(b.id, a.id)
}
