import type { BookingRules, BookingStatus, OpeningHours, Service, ServiceKind } from '../../../types/domain'
import { addDays, beijingClock, beijingDate, minutesOf, weekdayName } from '../beijing-time'

/**
 * A booking's and a service's times and rules in the words a resident reads (Beijing time, whatever
 * the phone's zone): 12月3日 周四 10:00, 10:00–10:45, 每周四上午, 需提前2小时预约.
 */

export const KIND_LABEL: Record<ServiceKind, string> = {
  home_visit: '上门服务',
  legal: '法律咨询',
  mediation: '人民调解',
  venue: '场地预约',
  errand: '政务代办',
  volunteer: '志愿服务',
}

/** The order the catalogue shows kinds in. */
export const KIND_ORDER: readonly ServiceKind[] = ['home_visit', 'legal', 'mediation', 'errand', 'venue', 'volunteer']

/** Bookings still to come (a seat held, or waiting for one). */
export const UPCOMING_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed', 'waitlisted', 'checked_in']

/** `12月3日` of a Beijing date. */
export function dayOfMonth(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** `12月3日 周四` of a Beijing date. */
export function dayLabel(date: string): string {
  return `${dayOfMonth(date)} ${weekdayName(date)}`
}

/** A day chip's first line: 今天, 明天, 后天, else 周四. */
export function dayChipName(date: string, now: Date): string {
  const today = beijingDate(now)
  if (date === today) return '今天'
  if (date === addDays(today, 1)) return '明天'
  if (date === addDays(today, 2)) return '后天'
  return weekdayName(date)
}

/** `12月3日 周四 10:00` of an instant. */
export function whenLabel(startsAt: string): string {
  return `${dayLabel(beijingDate(startsAt))} ${beijingClock(startsAt)}`
}

/** `10:00–10:45`. */
export function slotRange(startsAt: string, endsAt: string): string {
  return `${beijingClock(startsAt)}–${beijingClock(endsAt)}`
}

/** `12月3日 周四 10:00–10:45`. */
export function bookingTime(b: { startsAt: string; endsAt: string }): string {
  return `${dayLabel(beijingDate(b.startsAt))} ${slotRange(b.startsAt, b.endsAt)}`
}

/** A code read digit by digit: `1 2 3 4 5 6`. */
export function spokenDigits(code: string): string {
  return Array.from(code).join(' ')
}

/** A code drawn in two halves for the eye: `123 456`. */
export function groupedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}

/** A duration in minutes as a resident reads it (the rules shown and their refusals alike): 30分钟, 1.5小时, 2小时, 1天. */
export function durationText(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440}天`
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}小时`
  if (minutes > 60 && minutes % 30 === 0) return `${minutes / 60}小时`
  return `${minutes}分钟`
}

const PERIOD_WORD = { day: '每天', week: '每周', month: '每月' } as const

/** The service's rules, one short sentence each. */
export function rulesInWords(rules: BookingRules): string[] {
  const out: string[] = []
  out.push(rules.minNoticeMinutes > 0 ? `需提前${durationText(rules.minNoticeMinutes)}预约` : '随时可约')
  out.push(rules.maxDaysAhead === 0 ? '只能预约当天' : `可预约${rules.maxDaysAhead}天内的时段`)
  if (rules.householdLimit) out.push(`每户${PERIOD_WORD[rules.householdLimit.period]}最多${rules.householdLimit.count}次`)
  out.push(rules.changeCutoffMinutes > 0 ? `最晚开始前${durationText(rules.changeCutoffMinutes)}取消或改约` : '开始前都可取消或改约')
  return out
}

const WEEKDAY_DIGIT = ['一', '二', '三', '四', '五', '六', '日']

function partOfDay(h: Pick<OpeningHours, 'start' | 'end'>): string {
  const start = minutesOf(h.start)
  const end = minutesOf(h.end)
  if (end <= 12 * 60 + 30) return '上午'
  if (start >= 12 * 60 && end <= 18 * 60 + 30) return '下午'
  if (start >= 18 * 60) return '晚上'
  return `${h.start}–${h.end}`
}

/** When a service is open, in a few words: 每周四上午, 周二、周五 上午 下午, 每天 08:30–21:00, 工作日 上午 下午. */
export function openingSummary(service: Pick<Service, 'hours'>): string {
  if (service.hours.length === 0) return '开放时间另行通知'
  const days = [...new Set(service.hours.map((h) => h.weekday))].sort((a, b) => a - b)
  const parts = [...new Set([...service.hours].sort((a, b) => minutesOf(a.start) - minutesOf(b.start)).map(partOfDay))]
  const dayText =
    days.length === 7 ? '每天' : days.join() === '1,2,3,4,5' ? '工作日' : days.length === 1 ? `每周${WEEKDAY_DIGIT[days[0] - 1]}` : days.map((d) => `周${WEEKDAY_DIGIT[d - 1]}`).join('、')
  const joint = days.length === 1 && parts.length === 1 && !parts[0].includes(':') ? '' : ' '
  return `${dayText}${joint}${parts.join(' ')}`
}

/** Where: the address, or 上门服务 (at the booker's home). */
export function whereText(location: Service['location']): string {
  return location.kind === 'home' ? '上门服务（工作人员到您家）' : location.address
}
