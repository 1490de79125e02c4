import { hasRole, isHandler, type Actor } from './actor'
import { addDays, beijingClock, beijingDate, periodOf, startOfBeijingDay } from './beijing-time'

/**
 * Quotas (ADR 20): how much one person may write per hour, day or week, counted from the rows the
 * features write (so they hold across server processes and restarts). Burst protection is the
 * server's rate limits; a quota is the sustained ceiling, set where a real community never reaches
 * it in normal use. Windows are Beijing calendar hours, days (from midnight) and weeks (from Monday
 * midnight), so a refusal can say exactly when it frees up: `今天上传的照片已达 100 张，请明天再试`.
 */

export type QuotaWindow = 'hour' | 'day' | 'week'

/** At most `max` in one window; `what` and `unit` word the refusal (今天 + 上传的照片 + 已达 100 + 张). */
export interface Quota {
  max: number
  window: QuotaWindow
  what: string
  unit: string
  /** `max` is in bytes, shown in MB. */
  bytes?: true
}

/** A window of time as instants: from (inclusive) to (exclusive). */
export interface QuotaSpan {
  from: string
  to: string
}

const MB = 1024 * 1024
const HOUR_MS = 3_600_000
const quota = (max: number, window: QuotaWindow, what: string, unit: string): Quota => ({ max, window, what, unit })
const bytes = (mb: number, window: QuotaWindow): Quota => ({ max: mb * MB, window, what: '上传的照片', unit: 'MB', bytes: true })

/**
 * Every quota, by what is counted and by who writes it. Staff acting in their role write more
 * (they answer a community's messages, document handling with photos, book for residents at the
 * counter); a building leader's urgent and pinned notices have a small cap, as they push to the top
 * of every neighbour's list.
 */
export const QUOTAS = {
  /**
   * Photos uploaded (every photo is counted, attached or not): bytes an hour (a burst of big
   * photos stops here: ten at the 10 MB limit), bytes and photos a day.
   */
  photos: {
    resident: [bytes(100, 'hour'), quota(100, 'day', '上传的照片', '张'), bytes(300, 'day')],
    staff: [bytes(300, 'hour'), quota(500, 'day', '上传的照片', '张'), bytes(2048, 'day')],
  },
  /** Messages posted (report threads and the general thread together). */
  messages: {
    resident: [quota(30, 'hour', '发送的留言', '条'), quota(200, 'day', '发送的留言', '条')],
    handler: [quota(120, 'hour', '发送的留言', '条'), quota(1000, 'day', '发送的留言', '条')],
  },
  /** Notices published: all of them, and those urgent or pinned. */
  notices: {
    leader: {
      all: [quota(10, 'day', '发布的通知', '条')],
      prominent: [quota(3, 'day', '发布的紧急或置顶通知', '条'), quota(5, 'week', '发布的紧急或置顶通知', '条')],
    },
    staff: {
      all: [quota(50, 'day', '发布的通知', '条')],
      prominent: [quota(10, 'day', '发布的紧急或置顶通知', '条')],
    },
  },
  /** Proposals raised (民事民提). */
  proposals: [quota(5, 'week', '提出的议题', '个')],
  /** Contributions to discussions (proposals, articles, disclosures); officials answer more. */
  contributions: {
    resident: [quota(30, 'hour', '发言', '条'), quota(200, 'day', '发言', '条')],
    official: [quota(120, 'hour', '发言', '条')],
  },
  /** Questions on disclosures (a resident's contributions to a disclosure's discussion). */
  questions: [quota(10, 'day', '对公开事项提出的问题', '个')],
  /** Bookings made, for oneself or (staff, 代约) for others. */
  bookings: {
    resident: [quota(20, 'day', '提交的预约', '次')],
    staff: [quota(200, 'day', '提交的预约', '次')],
  },
} as const

/** Staff, grid workers, building leaders, admins and street officers: anyone acting in a role. */
function actsInARole(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => role !== 'resident')
}

export function photoQuotas(actor: Pick<Actor, 'roles'>): readonly Quota[] {
  return actsInARole(actor) ? QUOTAS.photos.staff : QUOTAS.photos.resident
}

export function messageQuotas(actor: Pick<Actor, 'roles'>): readonly Quota[] {
  return isHandler(actor) ? QUOTAS.messages.handler : QUOTAS.messages.resident
}

/** A publisher's quotas: every notice, and (when this one is urgent or pinned) the prominent ones. */
export function noticeQuotas(actor: Pick<Actor, 'roles'>): { all: readonly Quota[]; prominent: readonly Quota[] } {
  return hasRole(actor, 'staff') ? QUOTAS.notices.staff : QUOTAS.notices.leader
}

export function contributionQuotas(official: boolean): readonly Quota[] {
  return official ? QUOTAS.contributions.official : QUOTAS.contributions.resident
}

export function bookingQuotas(actor: Pick<Actor, 'roles'>): readonly Quota[] {
  return hasRole(actor, 'staff') ? QUOTAS.bookings.staff : QUOTAS.bookings.resident
}

/** The Beijing calendar hour, day or week holding `now`. */
export function quotaSpan(window: QuotaWindow, now: Date): QuotaSpan {
  if (window === 'hour') {
    // Beijing is a whole number of hours from UTC: its hours start where UTC's do.
    const from = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS
    return { from: new Date(from).toISOString(), to: new Date(from + HOUR_MS).toISOString() }
  }
  const first = window === 'day' ? beijingDate(now) : periodOf(beijingDate(now), 'week').first
  const days = window === 'day' ? 1 : 7
  return { from: startOfBeijingDay(first), to: startOfBeijingDay(addDays(first, days)) }
}

/** The refusal of a quota that is used up: what the limit is and when it frees up. */
export function quotaMessage(q: Quota, now: Date): string {
  const amount = q.bytes ? `${Math.round(q.max / MB)} ${q.unit}` : `${q.max} ${q.unit}`
  if (q.window === 'hour') return `本小时${q.what}已达 ${amount}，请 ${beijingClock(quotaSpan('hour', now).to)} 以后再试`
  if (q.window === 'day') return `今天${q.what}已达 ${amount}，请明天再试`
  return `本周${q.what}已达 ${amount}，请下周再试`
}

export interface QuotaRefusal {
  quota: Quota
  message: string
  /** Until the window ends. */
  retryAfterMs: number
}

/**
 * The first of `quotas` that `used` has reached (`used[i]`: what was written in `quotas[i]`'s
 * window), or null: one more may be written. A quota is reached at `max` (the next one is
 * refused); a quota in bytes when the bytes already kept reach it (the photo being sent is not
 * known yet, so a day may end one photo above it).
 */
export function quotaRefusal(quotas: readonly Quota[], used: readonly number[], now: Date): QuotaRefusal | null {
  for (let i = 0; i < quotas.length; i++) {
    const q = quotas[i]
    if ((used[i] ?? 0) >= q.max) {
      return { quota: q, message: quotaMessage(q, now), retryAfterMs: Math.max(0, Date.parse(quotaSpan(q.window, now).to) - now.getTime()) }
    }
  }
  return null
}
