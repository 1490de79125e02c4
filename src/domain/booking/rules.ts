import type { BookingPause, BookingRules, HouseholdTag, Service } from '../../../types/domain'
import type { Refusal } from '../membership'
import { addDays, beijingDate, beijingInstant, chinaTime, daysBetween, periodOf } from '../beijing-time'
import { durationText } from './when'

/**
 * The rules of booking, each refusal in the rule's words with what to do: who may book a service
 * (eligibility), when (notice, window, started), how often (the household's limit), the no-show
 * pause, and until when a booking may be cancelled or moved.
 */

export const TAG_LABEL: Record<HouseholdTag, string> = { elderly: '高龄', disabled: '残疾', low_income: '低保' }
export const HOUSEHOLD_TAGS: readonly HouseholdTag[] = ['elderly', 'disabled', 'low_income']

const PERIOD_LABEL = { day: '每天', week: '每周', month: '每月' } as const

/** A service not published (retired, or a draft): booking, moving and the slots all say so. */
export const SERVICE_PAUSED = '此项服务已暂停预约，请选择其他服务或联系社区'

const refuse = (message: string, field?: string): Refusal => ({ code: 'validation', message, ...(field ? { field } : {}) })
const forbid = (message: string): Refusal => ({ code: 'forbidden', message })

/** Whether a household with these tags may book the service; when not, why and what to do. */
export function eligibilityOf(service: Pick<Service, 'eligibility'>, tags: readonly HouseholdTag[]): { eligible: boolean; reason?: string } {
  if (service.eligibility.length === 0 || service.eligibility.some((t) => tags.includes(t))) return { eligible: true }
  const who = service.eligibility.map((t) => TAG_LABEL[t]).join('、')
  return { eligible: false, reason: `此项服务仅面向${who}家庭，如符合条件请联系社区登记` }
}

/** Minutes from `now` to `startsAt`. */
function minutesUntil(startsAt: string, now: Date): number {
  return (Date.parse(startsAt) - now.getTime()) / 60_000
}

/** `10月1日` of a date. */
function chinaDate(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** Why a slot cannot be booked now by timing alone (started, too soon, too far ahead); null when it can. */
export function timingRefusal(rules: Pick<BookingRules, 'minNoticeMinutes' | 'maxDaysAhead'>, startsAt: string, now: Date): string | null {
  const until = minutesUntil(startsAt, now)
  if (until <= 0) return '该时段已开始，请选择其他时段'
  if (until < rules.minNoticeMinutes) return `需至少提前${durationText(rules.minNoticeMinutes)}预约，请选择更晚的时段`
  const slotDate = beijingDate(startsAt)
  if (daysBetween(beijingDate(now), slotDate) > rules.maxDaysAhead) {
    // The slot opens for booking at the Beijing midnight `maxDaysAhead` days before its date.
    const opens = chinaDate(addDays(slotDate, -rules.maxDaysAhead))
    if (rules.maxDaysAhead === 0) return `此项服务只能预约当天的时段，请${opens}当天再来预约`
    return `最多可提前${rules.maxDaysAhead}天预约，该时段${opens}起可约，请届时再来预约`
  }
  return null
}

/** The instants [from, to) of the limit's period holding the slot's Beijing date. */
export function limitSpan(period: NonNullable<BookingRules['householdLimit']>['period'], startsAt: string): { from: string; to: string } {
  const { first, last } = periodOf(beijingDate(startsAt), period)
  return { from: beijingInstant(first, 0), to: beijingInstant(addDays(last, 1), 0) }
}

/** The limit's refusal when the household already has `count` bookings of the service in the slot's period. */
export function limitRefusal(rules: Pick<BookingRules, 'householdLimit'>, count: number): string | null {
  const limit = rules.householdLimit
  if (!limit || count < limit.count) return null
  return `每户${PERIOD_LABEL[limit.period]}最多预约${limit.count}次此项服务，您家已约满，请选择其他${limit.period === 'day' ? '日期' : limit.period === 'week' ? '周' : '月份'}`
}

export function pauseRefusal(pause: BookingPause | null | undefined, now: Date): string | null {
  if (!pause || Date.parse(pause.until) <= now.getTime()) return null
  return `您家60天内已有${pause.noShows.length}次预约未到，预约功能暂停至${chinaTime(pause.until)}，如有疑问请联系社区`
}

export interface BookingAsk {
  service: Pick<Service, 'status' | 'eligibility' | 'rules'>
  startsAt: string
  now: Date
  tags: readonly HouseholdTag[]
  pause?: BookingPause | null
  /** The household's bookings of the service in the slot's limit period (absent: no limit set). */
  countInPeriod: number
}

/** The first rule a booking breaks, or null: published, eligible, not paused, timing, limit. */
export function bookingRefusal(ask: BookingAsk): Refusal | null {
  if (ask.service.status !== 'published') return forbid(SERVICE_PAUSED)
  const eligibility = eligibilityOf(ask.service, ask.tags)
  if (!eligibility.eligible) return forbid(eligibility.reason ?? '您家不在此项服务的范围内')
  const paused = pauseRefusal(ask.pause, ask.now)
  if (paused) return forbid(paused)
  const timing = timingRefusal(ask.service.rules, ask.startsAt, ask.now)
  if (timing) return refuse(timing, 'startsAt')
  const limit = limitRefusal(ask.service.rules, ask.countInPeriod)
  if (limit) return refuse(limit, 'startsAt')
  return null
}

/** Whether a booking starting at `startsAt` may still be cancelled or moved by its resident. */
export function changeRefusal(rules: Pick<BookingRules, 'changeCutoffMinutes'>, startsAt: string, now: Date, change: 'cancel' | 'reschedule'): string | null {
  const until = minutesUntil(startsAt, now)
  const verb = change === 'cancel' ? '取消' : '改约'
  if (until <= 0) return `预约已开始，不能${verb}`
  if (until < rules.changeCutoffMinutes) return `开始前${durationText(rules.changeCutoffMinutes)}内不能${verb}，如有变化请联系社区`
  return null
}
